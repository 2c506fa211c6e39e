import { parse as parseLossless } from 'lossless-json';

/**
 * A JSON number whose Python text cannot be recovered from a JS number: a float with an integral
 * value (`5.0`, `2.5e+16`) or an integer beyond 2^53. Python hashes `5.0` and `5` differently,
 * so the kind and the exact digits must survive a round trip through this node.
 */
export class PythonNumber {
  private constructor(
    /** Python's `repr()` of the number: what `json.dumps` writes and `str()` formats. */
    readonly repr: string,
    readonly isInteger: boolean,
    /** The nearest JS number, for comparisons only. */
    readonly value: number,
  ) {}

  static integer(digits: string): PythonNumber {
    const normalized = /^-0+$/.test(digits) ? '0' : digits;
    return new PythonNumber(normalized, true, Number(normalized));
  }

  static float(value: number): PythonNumber {
    return new PythonNumber(pythonFloatRepr(value), false, value);
  }

  toString(): string {
    return this.repr;
  }
}

export type JsonNumber = number | PythonNumber;

/** Text that is already JSON, spliced into the output verbatim (stored blocks, for instance). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | RawJson | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const JSON_INTEGER = /^-?(0|[1-9]\d*)$/;

/** Parses one JSON number literal the way Python's `json` module would type it. */
export function parsePythonNumber(literal: string): JsonNumber {
  if (JSON_INTEGER.test(literal)) {
    const value = Number(literal);
    return Number.isSafeInteger(value) ? value : PythonNumber.integer(literal);
  }
  const value = Number(literal);
  if (Number.isNaN(value)) throw new SyntaxError(`Invalid number ${literal}`);
  // A non-integral JS number always formats back as a Python float; only integral floats need the wrapper.
  return Number.isInteger(value) || !Number.isFinite(value) ? PythonNumber.float(value) : value;
}

/** Parses JSON text keeping every number's Python kind; a repeated key keeps its last value, as in Python. */
export function parseJson(text: string): JsonValue {
  return parseLossless(text, null, {
    parseNumber: parsePythonNumber,
    onDuplicateKey: ({ newValue }) => newValue,
  }) as JsonValue;
}

export function isJsonNumber(value: unknown): value is JsonNumber {
  return typeof value === 'number' || value instanceof PythonNumber;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof PythonNumber) &&
    !(value instanceof RawJson)
  );
}

/** The JS value of a JSON number (approximate beyond 2^53). */
export function numberValue(value: JsonNumber): number {
  return typeof value === 'number' ? value : value.value;
}

/** True for a JSON integer, however large. */
export function isJsonInteger(value: unknown): value is JsonNumber {
  return typeof value === 'number' ? Number.isInteger(value) : value instanceof PythonNumber && value.isInteger;
}

/** Python's `repr()` of a float: shortest round-trip digits, exponent form outside 1e-4 ≤ |x| < 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const pointPosition = exponent + 1;
  if (pointPosition <= -4 || pointPosition > 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${fraction}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/** Python's `str()` of a JSON number, as used in f-strings. */
export function pythonNumberText(value: JsonNumber): string {
  if (value instanceof PythonNumber) return value.repr;
  return Number.isSafeInteger(value) ? String(value) : pythonFloatRepr(value);
}

// Python's ensure_ascii escapes everything outside printable ASCII (space to tilde): control characters included.
/* eslint-disable no-control-regex */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
const ESCAPABLE = /["\\\u0000-\u001f\u007f-\uffff]/g;
/* eslint-enable no-control-regex */
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeCharacter(character: string): string {
  return SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function pythonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `"${value.replace(ESCAPABLE, escapeCharacter)}"` : `"${value}"`;
}

// Python sorts keys by code point; JS compares UTF-16 units, which differ only above the BMP.
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // eslint-disable-next-line no-control-regex -- every code unit below the surrogates
  if (/^[\u0000-\ud7ff]*$/.test(a + b)) return a < b ? -1 : 1;
  return compareCodePoints(a, b);
}

export interface JsonStyle {
  itemSeparator: string;
  keySeparator: string;
}

/** `json.dumps(value, sort_keys=True)`: the text the reference hashes. */
export const CANONICAL_STYLE: JsonStyle = { itemSeparator: ', ', keySeparator: ': ' };
/** Flask's `jsonify` in production: sorted keys, no spaces. What the reference serves. */
export const COMPACT_STYLE: JsonStyle = { itemSeparator: ',', keySeparator: ':' };

export function dumpJson(value: JsonValue, style: JsonStyle = COMPACT_STYLE): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'number' || value instanceof PythonNumber) return pythonNumberText(value);
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => dumpJson(item, style)).join(style.itemSeparator)}]`;
  const members = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort(compareKeys)
    .map((key) => `${pythonString(key)}${style.keySeparator}${dumpJson(value[key], style)}`);
  return `{${members.join(style.itemSeparator)}}`;
}
