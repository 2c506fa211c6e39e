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
import { BLOCK_DEPTH_LIMIT } from './chain-validation';
import { isLossyLiteral, pythonFloatRepr } from './python-json';

/*
 * A block from a peer arrives as text that is, nearly always, exactly Python's compact dump of itself (what Flask's
 * `jsonify` and this node serve: keys sorted, no spaces, ASCII escapes, Python's number text). Such text is the
 * block's stored text as it is, and its canonical text (`json.dumps(block, sort_keys=True)`, which the block's hash
 * is taken of) is the same text with a space after each separator. Recognizing that form costs one scan; dumping the
 * parsed block twice cost most of checking a peer's blocks. Text in any other form is left to `dumpJson`.
 *
 * The same scan tells two things more, which spare a peer's blocks two further scans before they are parsed: their
 * nesting is within `BLOCK_DEPTH_LIMIT`, and whether `JSON.parse` reads every number of theirs as Python does.
 */

const SPACE = 0x20;
const TILDE = 0x7e;
/** Characters Python writes as a two-character escape: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`. */
const SHORT_ESCAPES = new Set(['"', '\\', 'b', 'f', 'n', 'r', 't'].map((character) => character.charCodeAt(0)));
/** Code units that have a two-character escape, so that Python never writes them as `\u00XX`. */
const SHORT_ESCAPED_UNITS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const LOWER_U = 0x75;
const LOWER_HEX_4 = /^[0-9a-f]{4}$/;
const LITERALS = ['true', 'false', 'null'];

/** A text found to be exactly Python's compact dump of the value it holds. */
export interface CompactText {
  /** Its canonical text: the compact text with a space after each separator. */
  canonical: string;
  /** True when `JSON.parse` reads each of its numbers as Python does (see `parseJson`): no `PythonNumber` among them. */
  plain: boolean;
}

/**
 * `text` read as Python's compact dump of the value it holds, nested at most `BLOCK_DEPTH_LIMIT` levels; null
 * when it is not that.
 */
export function readCompact(text: string): CompactText | null {
  const scan = new CompactScan(text);
  if (scan.valueEnd(0, 0) !== text.length) return null;
  return { canonical: scan.withSpaces(0, text.length), plain: scan.plain };
}

/** The canonical text of `text` when it is exactly Python's compact dump of the value it holds; null otherwise. */
export function canonicalOfCompact(text: string): string | null {
  return readCompact(text)?.canonical ?? null;
}

/** Elements of a JSON array, each exactly Python's compact dump of itself: their text, and their canonical text. */
export interface CompactElements {
  compact: string[];
  canonical: string[];
  /** True when `JSON.parse` reads every number of every element as Python does. */
  plain: boolean;
  /** Where the array's text ends (after its `]`). */
  end: number;
}

/**
 * The elements of the array whose `[` is at `start`, when each is exactly Python's compact dump of itself (as is the
 * array), nested at most `BLOCK_DEPTH_LIMIT` levels; null otherwise.
 */
export function compactArrayElements(text: string, start: number): CompactElements | null {
  if (text.charCodeAt(start) !== OPEN_BRACKET) return null;
  const scan = new CompactScan(text);
  const elements: CompactElements = { compact: [], canonical: [], plain: true, end: -1 };
  if (text.charCodeAt(start + 1) === CLOSE_BRACKET) return { ...elements, end: start + 2 };
  for (let position = start + 1; ; position++) {
    scan.separators = [];
    const end = scan.valueEnd(position, 0);
    if (end < 0) return null;
    elements.compact.push(text.slice(position, end));
    elements.canonical.push(scan.withSpaces(position, end));
    position = end;
    const next = text.charCodeAt(position);
    if (next === CLOSE_BRACKET) return { ...elements, plain: scan.plain, end: position + 1 };
    if (next !== COMMA) return null;
  }
}

/** One reading of a text: where its separators are, and whether its numbers are all plain. */
class CompactScan {
  /** The positions of the separators (`,` and `:` outside strings) read so far, in order. */
  separators: number[] = [];
  plain = true;
  /** Whether the last string read holds an escape. */
  private escaped = false;

  constructor(private readonly text: string) {}

  /** The text from `start` to `end` with a space after each of its separators. */
  withSpaces(start: number, end: number): string {
    let spaced = '';
    let copied = start;
    for (const separator of this.separators) {
      spaced += this.text.slice(copied, separator + 1) + ' ';
      copied = separator + 1;
    }
    return spaced + this.text.slice(copied, end);
  }

  /**
   * Where the value at `start`, `depth` levels down, ends when its text is exactly Python's compact dump of it; -1
   * otherwise.
   */
  valueEnd(start: number, depth: number): number {
    const code = this.text.charCodeAt(start);
    if (code === QUOTE) return this.stringEnd(start);
    if (code === OPEN_BRACE) return depth < BLOCK_DEPTH_LIMIT ? this.objectEnd(start, depth + 1) : -1;
    if (code === OPEN_BRACKET) return depth < BLOCK_DEPTH_LIMIT ? this.arrayEnd(start, depth + 1) : -1;
    if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) return this.numberEnd(start);
    const literal = LITERALS.find((word) => this.text.startsWith(word, start));
    return literal === undefined ? -1 : start + literal.length;
  }

  /** Keys must be in Python's order, each once: escaped keys (decoded before they are compared) are left to dumpJson. */
  private objectEnd(start: number, depth: number): number {
    const text = this.text;
    if (text.charCodeAt(start + 1) === CLOSE_BRACE) return start + 2;
    let previousKey = -1;
    for (let position = start + 1; ; position++) {
      if (text.charCodeAt(position) !== QUOTE) return -1;
      const keyEnd = this.stringEnd(position);
      if (keyEnd < 0 || this.escaped) return -1;
      // Printable ASCII without escapes: compared by code unit, as Python sorts.
      if (previousKey >= 0 && !this.keyBefore(previousKey, position)) return -1;
      previousKey = position;
      if (text.charCodeAt(keyEnd) !== COLON) return -1;
      this.separators.push(keyEnd);
      position = this.valueEnd(keyEnd + 1, depth);
      if (position < 0) return -1;
      const next = text.charCodeAt(position);
      if (next === CLOSE_BRACE) return position + 1;
      if (next !== COMMA) return -1;
      this.separators.push(position);
    }
  }

  /** Whether the unescaped key whose `"` is at `first` sorts strictly before the one at `second`. */
  private keyBefore(first: number, second: number): boolean {
    const text = this.text;
    for (let offset = 1; ; offset++) {
      const a = text.charCodeAt(first + offset);
      const b = text.charCodeAt(second + offset);
      if (a === b) {
        if (a === QUOTE) return false;
        continue;
      }
      // A key that ends first sorts first.
      if (a === QUOTE) return true;
      if (b === QUOTE) return false;
      return a < b;
    }
  }

  private arrayEnd(start: number, depth: number): number {
    if (this.text.charCodeAt(start + 1) === CLOSE_BRACKET) return start + 2;
    for (let position = start + 1; ; position++) {
      position = this.valueEnd(position, depth);
      if (position < 0) return -1;
      const next = this.text.charCodeAt(position);
      if (next === CLOSE_BRACKET) return position + 1;
      if (next !== COMMA) return -1;
      this.separators.push(position);
    }
  }

  /** Printable ASCII as is; `"` and `\` and the rest only in the escape Python's `ensure_ascii` writes for them. */
  private stringEnd(start: number): number {
    const text = this.text;
    this.escaped = false;
    for (let position = start + 1; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (code === QUOTE) return position + 1;
      if (code === BACKSLASH) {
        this.escaped = true;
        const escape = text.charCodeAt(position + 1);
        if (SHORT_ESCAPES.has(escape)) {
          position++;
          continue;
        }
        const hex = text.slice(position + 2, position + 6);
        if (escape !== LOWER_U || !LOWER_HEX_4.test(hex)) return -1;
        const unit = parseInt(hex, 16);
        if ((unit >= SPACE && unit <= TILDE) || SHORT_ESCAPED_UNITS.has(unit)) return -1;
        position += 5;
      } else if (code < SPACE || code > TILDE) return -1;
    }
    return -1;
  }

  /** An integer as Python writes it (not `-0`, no leading zero); a float only as its `repr`. */
  private numberEnd(start: number): number {
    const text = this.text;
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
    if (isFloat ? pythonFloatRepr(Number(literal)) !== literal : literal === '-0') return -1;
    if (this.plain && isLossyLiteral(literal, isFloat)) this.plain = false;
    return position;
  }
}

function digitsEnd(text: string, start: number): number {
  let position = start;
  while (text.charCodeAt(position) >= DIGIT_0 && text.charCodeAt(position) <= DIGIT_9) position++;
  return position;
}
