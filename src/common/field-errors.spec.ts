import { ValidationError } from 'class-validator';
import { fieldErrors, tutorialMessage, validationException } from './field-errors';

function error(property: string, value: unknown, constraints: Record<string, string>, extra = {}): ValidationError {
  return Object.assign(new ValidationError(), { property, value, constraints, children: [], ...extra });
}

describe(fieldErrors.name, () => {
  it('should report only the first rule a field breaks, type before emptiness before length', () => {
    const errors = fieldErrors([
      error('sender', 1, {
        maxLength: 'sender must be at most 256 characters long',
        isNotEmpty: 'sender must not be empty',
        isString: 'sender must be a string',
      }),
    ]);
    expect(errors).toEqual([{ field: 'sender', rule: 'isString', message: 'sender must be a string' }]);
  });

  it('should put a list before what it holds', () => {
    const errors = fieldErrors([
      error('nodes', null, { isString: 'each value in nodes must be a string', isArray: 'nodes must be a list' }),
    ]);
    expect(errors).toEqual([{ field: 'nodes', rule: 'isArray', message: 'nodes must be a list' }]);
  });

  it('should say a field the request lacks is missing, whatever rules it breaks', () => {
    const errors = fieldErrors([error('amount', undefined, { isNumber: 'amount must be a finite number' })]);
    expect(errors).toEqual([{ field: 'amount', rule: 'required', message: 'amount is missing' }]);
  });

  it('should keep the order of the fields, and name nested fields by their path', () => {
    const nested = error('inner', {}, {}, { constraints: undefined, children: [error('x', 'a', { isInt: 'x!' })] });
    const errors = fieldErrors([error('b', 'a', { isInt: 'b!' }), nested]);
    expect(errors).toEqual([
      { field: 'b', rule: 'isInt', message: 'b!' },
      { field: 'inner.x', rule: 'isInt', message: 'x!' },
    ]);
  });

  it('should rank a rule it does not know after those it does', () => {
    const errors = fieldErrors([error('f', 'v', { customRule: 'f is odd', min: 'f must not be less than 1' })]);
    expect(errors).toEqual([{ field: 'f', rule: 'min', message: 'f must not be less than 1' }]);
  });
});

describe(validationException.name, () => {
  const bodyOf = (errors: ValidationError[]) => validationException(errors).getResponse();

  it('should answer the tutorial’s "Missing values" when a field is missing', () => {
    expect(
      bodyOf([error('sender', 1, { isString: 'sender must be a string' }), error('amount', undefined, {})]),
    ).toEqual({
      statusCode: 400,
      message: 'Missing values',
      error: 'Bad Request',
      errors: [
        { field: 'sender', rule: 'isString', message: 'sender must be a string' },
        { field: 'amount', rule: 'required', message: 'amount is missing' },
      ],
    });
  });

  it('should otherwise join the field errors into the message', () => {
    expect(
      bodyOf([error('a', 1, { isString: 'a must be a string' }), error('b', 0, { min: 'b is too small' })]),
    ).toEqual(expect.objectContaining({ message: 'a must be a string; b is too small' }));
  });

  it('should prefer the tutorial’s words a broken rule names', () => {
    const broken = error(
      'nodes',
      'x',
      { isArray: 'nodes must be a list' },
      {
        contexts: { isArray: tutorialMessage('Error: Please supply a valid list of nodes') },
      },
    );
    expect(bodyOf([broken])).toEqual(
      expect.objectContaining({ message: 'Error: Please supply a valid list of nodes' }),
    );
  });

  it('should name the body when it is not an object at all (the pipe’s own error has no value)', () => {
    const notAnObject = Object.assign(new ValidationError(), {
      property: 'body',
      constraints: { isObject: 'Validation failed (object is expected)' },
    });
    expect(bodyOf([notAnObject])).toEqual(
      expect.objectContaining({
        errors: [{ field: 'body', rule: 'isObject', message: 'Validation failed (object is expected)' }],
      }),
    );
  });
});
