import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One problem with one field of a request: which field, which rule it broke, and what to do about it. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** The rule a field breaks when the request lacks it. */
const REQUIRED_RULE = 'required';

/**
 * The order a person fixes a field in: give it, give it the right type, then fill it, then fit it into its limits.
 * A field reports only the first rule it breaks in this order: `{"sender": 1}` is not a string, and saying it is
 * also too long would be false. A list comes before what it holds (`each` rules). Rules not listed come last.
 */
const RULE_ORDER = [
  REQUIRED_RULE,
  'isArray',
  'isString',
  'isNumber',
  'isInt',
  'isNotEmpty',
  'isWellFormedUnicode',
  'matches',
  'maxLength',
  'arrayMaxSize',
  'min',
  'max',
  'isPositive',
];

function rank(rule: string): number {
  const position = RULE_ORDER.indexOf(rule);
  return position === -1 ? RULE_ORDER.length : position;
}

/** A 400 whose `message` sums up the problem and whose `errors` name each bad field, in the order given. */
export class FieldErrorsException extends BadRequestException {
  constructor(message: string, errors: FieldError[]) {
    super({ statusCode: 400, message, error: 'Bad Request', errors });
  }
}

/** The tutorial's answer to a transaction lacking a field, kept for every body that lacks one. */
const MISSING_VALUES = 'Missing values';

/** The first rule each field breaks, fields in the order the request type declares them. */
export function fieldErrors(validationErrors: ValidationError[], parent = ''): FieldError[] {
  return validationErrors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // JSON has no `undefined`: a field whose value is undefined is one the request did not send. (The pipe's own
    // error for a body that is not an object carries no value at all.)
    if ('value' in error && error.value === undefined && error.constraints) {
      return [{ field, rule: REQUIRED_RULE, message: `${field} is missing` }];
    }
    const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const own = first ? [{ field, rule: first[0], message: first[1] }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * A rule's `context` naming the tutorial's own words for a request that breaks it, e.g. `{"nodes"}` missing:
 * `@IsArray({ context: tutorialMessage('Error: Please supply a valid list of nodes') })`.
 */
export function tutorialMessage(message: string): { tutorialMessage: string } {
  return { tutorialMessage: message };
}

function tutorialMessageOf(validationErrors: ValidationError[]): string | undefined {
  for (const error of validationErrors) {
    for (const context of Object.values(error.contexts ?? {}) as { tutorialMessage?: string }[]) {
      if (context.tutorialMessage) return context.tutorialMessage;
    }
  }
  return undefined;
}

/**
 * The validation pipe's answer. Its `message` keeps the tutorial's words where the tutorial has some: a rule's own
 * (see `tutorialMessage`), else "Missing values" when a field is missing; otherwise it joins the field errors.
 * Either way `errors` lists every bad field.
 */
export function validationException(validationErrors: ValidationError[]): FieldErrorsException {
  const errors = fieldErrors(validationErrors);
  const missing = errors.some((error) => error.rule === REQUIRED_RULE);
  const message = tutorialMessageOf(validationErrors) ?? (missing ? MISSING_VALUES : summary(errors));
  return new FieldErrorsException(message, errors);
}

/** The field errors as one sentence, for clients that only show `message`. */
export function summary(errors: FieldError[]): string {
  return errors.map((error) => error.message).join('; ');
}
