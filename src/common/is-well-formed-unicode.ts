import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A string without lone surrogates. SQLite stores text as UTF-8, which cannot hold a lone surrogate: "a\ud800" would
 * be stored, and served back, as "a\ufffd". Refusing it up front keeps what is acknowledged what is stored.
 * Values that are not strings pass here: `@IsString` reports them.
 */
export function IsWellFormedUnicode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWellFormedUnicode',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.isWellFormed(),
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property must be well-formed Unicode (it holds a lone surrogate)`,
          options,
        ),
      },
    },
    options,
  );
}
