import type { components, paths } from '../client/api-schema';
import type { JsonNumber } from '../core/python-json';

/**
 * An answer's type as the command line reads it: parsed keeping every number's Python kind, so a number may be a
 * `PythonNumber` (`5.0`, an integer beyond 2^53) where the API document says number.
 */
export type Exact<T> = T extends number
  ? JsonNumber
  : T extends (infer Item)[]
    ? Exact<Item>[]
    : T extends object
      ? { [Key in keyof T]: Exact<T[Key]> }
      : T;

export type Schema<Name extends keyof components['schemas']> = Exact<components['schemas'][Name]>;

export type HealthReport = Exact<paths['/health']['get']['responses'][200]['content']['application/json']>;
