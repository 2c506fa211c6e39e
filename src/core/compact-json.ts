import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DIGIT_0,
  DIGIT_1,
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
import { pythonFloatRepr } from './python-json';

/*
 * A block from a peer arrives as text that is, nearly always, exactly Python's compact dump of itself (what Flask's
 * `jsonify` and this node serve: keys sorted, no spaces, ASCII escapes, Python's number text). Such text is the
 * block's stored text as it is, and its canonical text (`json.dumps(block, sort_keys=True)`, which the block's hash
 * is taken of) is the same text with a space after each separator. Recognizing that form costs one scan; dumping the
 * parsed block twice cost most of checking a peer's blocks. Text in any other form is left to `dumpJson`.
 */

const SPACE = 0x20;
const TILDE = 0x7e;
/** Nesting the scan follows; deeper text is left to `dumpJson` (blocks nest at most `BLOCK_DEPTH_LIMIT`). */
const MAX_DEPTH = 64;
/** Characters Python writes as a two-character escape: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`. */
const SHORT_ESCAPES = new Set(['"', '\\', 'b', 'f', 'n', 'r', 't'].map((character) => character.charCodeAt(0)));
/** Code units that have a two-character escape, so that Python never writes them as `\u00XX`. */
const SHORT_ESCAPED_UNITS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const LOWER_HEX_4 = /^[0-9a-f]{4}$/;
const LITERALS = ['true', 'false', 'null'];

/** The canonical text of `text` when it is exactly Python's compact dump of the value it holds; null otherwise. */
export function canonicalOfCompact(text: string): string | null {
  const separators: number[] = [];
  if (valueEnd(text, 0, separators, 0) !== text.length) return null;
  return withSpaces(text, 0, text.length, separators);
}

/** Elements of a JSON array, each exactly Python's compact dump of itself: their text, and their canonical text. */
export interface CompactElements {
  compact: string[];
  canonical: string[];
  /** Where the array's text ends (after its `]`). */
  end: number;
}

/**
 * The elements of the array whose `[` is at `start`, when each is exactly Python's compact dump of itself (as is the
 * array); null otherwise.
 */
export function compactArrayElements(text: string, start: number): CompactElements | null {
  if (text.charCodeAt(start) !== OPEN_BRACKET) return null;
  const elements: CompactElements = { compact: [], canonical: [], end: -1 };
  if (text.charCodeAt(start + 1) === CLOSE_BRACKET) return { ...elements, end: start + 2 };
  for (let position = start + 1; ; position++) {
    const separators: number[] = [];
    const end = valueEnd(text, position, separators, 1);
    if (end < 0) return null;
    elements.compact.push(text.slice(position, end));
    elements.canonical.push(withSpaces(text, position, end, separators));
    position = end;
    const next = text.charCodeAt(position);
    if (next === CLOSE_BRACKET) return { ...elements, end: position + 1 };
    if (next !== COMMA) return null;
  }
}

/** `text` from `start` to `end` with a space after each of its separators (their positions, in order). */
function withSpaces(text: string, start: number, end: number, separators: number[]): string {
  let spaced = '';
  let copied = start;
  for (const separator of separators) {
    spaced += text.slice(copied, separator + 1) + ' ';
    copied = separator + 1;
  }
  return spaced + text.slice(copied, end);
}

/**
 * Where the value at `start` ends, when its text is exactly Python's compact dump of it; -1 otherwise. The position
 * of every separator (`,` and `:` outside strings) is pushed to `separators`.
 */
function valueEnd(text: string, start: number, separators: number[], depth: number): number {
  const code = text.charCodeAt(start);
  if (code === QUOTE) return stringEnd(text, start);
  if (code === OPEN_BRACE) return depth < MAX_DEPTH ? objectEnd(text, start, separators, depth + 1) : -1;
  if (code === OPEN_BRACKET) return depth < MAX_DEPTH ? arrayEnd(text, start, separators, depth + 1) : -1;
  if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) return numberEnd(text, start);
  const literal = LITERALS.find((word) => text.startsWith(word, start));
  return literal === undefined ? -1 : start + literal.length;
}

/** Keys must be in Python's order, each once: escaped keys (decoded before they are compared) are left to dumpJson. */
function objectEnd(text: string, start: number, separators: number[], depth: number): number {
  if (text.charCodeAt(start + 1) === CLOSE_BRACE) return start + 2;
  let previousKey: string | undefined;
  for (let position = start + 1; ; position++) {
    if (text.charCodeAt(position) !== QUOTE) return -1;
    const keyEnd = stringEnd(text, position);
    if (keyEnd < 0) return -1;
    const key = text.slice(position + 1, keyEnd - 1);
    // Printable ASCII without escapes: JS compares it by code point, as Python sorts.
    if (key.includes('\\') || (previousKey !== undefined && !(previousKey < key))) return -1;
    previousKey = key;
    if (text.charCodeAt(keyEnd) !== COLON) return -1;
    separators.push(keyEnd);
    position = valueEnd(text, keyEnd + 1, separators, depth);
    if (position < 0) return -1;
    const next = text.charCodeAt(position);
    if (next === CLOSE_BRACE) return position + 1;
    if (next !== COMMA) return -1;
    separators.push(position);
  }
}

function arrayEnd(text: string, start: number, separators: number[], depth: number): number {
  if (text.charCodeAt(start + 1) === CLOSE_BRACKET) return start + 2;
  for (let position = start + 1; ; position++) {
    position = valueEnd(text, position, separators, depth);
    if (position < 0) return -1;
    const next = text.charCodeAt(position);
    if (next === CLOSE_BRACKET) return position + 1;
    if (next !== COMMA) return -1;
    separators.push(position);
  }
}

/** Printable ASCII as is; `"` and `\` and the rest only in the escape Python's `ensure_ascii` writes for them. */
function stringEnd(text: string, start: number): number {
  for (let position = start + 1; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) return position + 1;
    if (code === BACKSLASH) {
      const escaped = text.charCodeAt(position + 1);
      if (SHORT_ESCAPES.has(escaped)) {
        position++;
        continue;
      }
      const hex = text.slice(position + 2, position + 6);
      if (escaped !== 0x75 || !LOWER_HEX_4.test(hex)) return -1;
      const unit = parseInt(hex, 16);
      if ((unit >= SPACE && unit <= TILDE) || SHORT_ESCAPED_UNITS.has(unit)) return -1;
      position += 5;
    } else if (code < SPACE || code > TILDE) return -1;
  }
  return -1;
}

/** An integer as Python writes it (not `-0`, no leading zero); a float only as its `repr`. */
function numberEnd(text: string, start: number): number {
  let position = start;
  if (text.charCodeAt(position) === MINUS) position++;
  const first = text.charCodeAt(position);
  if (first === DIGIT_0) position++;
  else if (first >= DIGIT_1 && first <= DIGIT_9) position = digitsEnd(text, position);
  else return -1;
  let isFloat = false;
  if (text.charCodeAt(position) === DOT) {
    isFloat = true;
    const fractionEnd = digitsEnd(text, position + 1);
    if (fractionEnd === position + 1) return -1;
    position = fractionEnd;
  }
  const exponent = text.charCodeAt(position);
  if (exponent === LOWER_E || exponent === UPPER_E) {
    isFloat = true;
    let digitsStart = position + 1;
    const sign = text.charCodeAt(digitsStart);
    if (sign === PLUS || sign === MINUS) digitsStart++;
    position = digitsEnd(text, digitsStart);
    if (position === digitsStart) return -1;
  }
  const literal = text.slice(start, position);
  if (!isFloat) return literal === '-0' ? -1 : position;
  return pythonFloatRepr(Number(literal)) === literal ? position : -1;
}

function digitsEnd(text: string, start: number): number {
  let position = start;
  while (text.charCodeAt(position) >= DIGIT_0 && text.charCodeAt(position) <= DIGIT_9) position++;
  return position;
}
