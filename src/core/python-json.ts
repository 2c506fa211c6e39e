import { parse as parseLossless } from 'lossless-json';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  DIGIT_0,
  DIGIT_9,
  DOT,
  LOWER_E,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  UPPER_E,
} from './json-character-codes';

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
  // JSON.parse builds the very same values, many times faster, unless a number's Python kind would be lost.
  return hasLossyNumber(text) ? parseJsonLosslessly(text) : (JSON.parse(text) as JsonValue);
}

/** The slow, exact path: every number literal typed by `parsePythonNumber`. */
export function parseJsonLosslessly(text: string): JsonValue {
  return parseLossless(text, null, {
    parseNumber: parsePythonNumber,
    onDuplicateKey: ({ newValue }) => newValue,
  }) as JsonValue;
}

// Every integer literal this short is exact as a JS number (2^53 has 16 digits).
const ALWAYS_SAFE_INTEGER_LENGTH = 15;

/** Where the string opened at `open` closes, or -1 when it never does. */
function closingQuote(text: string, open: number): number {
  for (let position = open; ;) {
    position = text.indexOf('"', position + 1);
    if (position < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(position - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return position;
  }
}

/** Would `parsePythonNumber` keep this literal as a PythonNumber (or refuse it) rather than a plain JS number? */
export function isLossyLiteral(literal: string, isFloat: boolean): boolean {
  if (!isFloat) return literal.length > ALWAYS_SAFE_INTEGER_LENGTH && !Number.isSafeInteger(Number(literal));
  const value = Number(literal);
  return Number.isInteger(value) || !Number.isFinite(value);
}

/**
 * True when some number literal outside strings is one JSON.parse would change: an integral float (`5.0`, `1e3`,
 * `-0.0`), a float beyond the double range, or an integer beyond 2^53. On valid JSON it tokenizes exactly as a
 * parser does; text it misreads (a malformed number, an unterminated string) is text JSON.parse refuses anyway.
 */
export function hasLossyNumber(text: string): boolean {
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) {
      position = closingQuote(text, position);
      // An unterminated string: JSON.parse refuses the text as the lossless parser would.
      if (position < 0) return false;
    } else if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
      const start = position;
      let isFloat = false;
      for (; position + 1 < text.length; position++) {
        const next = text.charCodeAt(position + 1);
        if (next === DOT || next === LOWER_E || next === UPPER_E) isFloat = true;
        else if (!(next >= DIGIT_0 && next <= DIGIT_9) && next !== PLUS && next !== MINUS) break;
      }
      if (isLossyLiteral(text.slice(start, position + 1), isFloat)) return true;
    }
  }
  return false;
}

/**
 * True when JSON text nests arrays and objects more than `limit` levels deep (`[]` and `{}` are one level), checked
 * in one pass without parsing, so that text too deep for a recursive parser is refused before any parser sees it.
 * Strings are skipped; the scan stops as soon as the limit is passed. On valid JSON it counts exactly as a parser
 * nests; text it misreads (an unterminated string, unbalanced brackets) is text every parser refuses anyway.
 */
export function jsonTextExceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) {
      position = closingQuote(text, position);
      if (position < 0) return false;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** True when a parsed value nests arrays and objects more than `limit` levels deep; never looks deeper than that. */
export function jsonValueExceedsDepth(value: JsonValue, limit: number): boolean {
  if (!Array.isArray(value) && !isJsonObject(value)) return false;
  if (limit === 0) return true;
  // Loops rather than Object.values: this runs on every block of every page a peer sends.
  if (Array.isArray(value)) return value.some((member) => jsonValueExceedsDepth(member, limit - 1));
  for (const key in value) {
    if (jsonValueExceedsDepth(value[key], limit - 1)) return true;
  }
  return false;
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
  const magnitude = Math.abs(value);
  // There JS writes the same shortest digits in plain notation; only integral values lack Python's ".0".
  if (magnitude >= 1e-4 && magnitude < 1e16 && !Number.isInteger(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = magnitude.toExponential().split('e');
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

// Python sorts keys by code point; JS compares UTF-16 units, which differ only when a key holds a surrogate pair.
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

const SURROGATE = /[\ud800-\udfff]/;

function sortedKeys(object: JsonObject): string[] {
  const keys = Object.keys(object);
  // Chains served by Flask or by this node arrive with their keys sorted: most objects need no sort at all.
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    if (SURROGATE.test(keys[i])) return keys.sort(compareCodePoints);
    if (i > 0 && keys[i - 1] > keys[i]) ordered = false;
  }
  return ordered ? keys : keys.sort();
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
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'number') return pythonNumberText(value);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof PythonNumber) return value.repr;
  if (value instanceof RawJson) return value.text;
  // Strings built with += rather than map/join: this runs for every block hashed or stored.
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let text = '[' + dumpJson(value[0], style);
    for (let i = 1; i < value.length; i++) text += style.itemSeparator + dumpJson(value[i], style);
    return text + ']';
  }
  let text = '';
  for (const key of sortedKeys(value)) {
    const member = value[key];
    if (member === undefined) continue;
    text +=
      (text === '' ? '{' : style.itemSeparator) + pythonString(key) + style.keySeparator + dumpJson(member, style);
  }
  return text === '' ? '{}' : text + '}';
}
