import { BLOCK_DEPTH_LIMIT } from './chain-validation';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-character-codes';

/** Why a `GET /chain` answer cannot be read: not of the expected shape, or a block nesting too deep. */
export class ChainAnswerError extends Error {
  constructor(
    readonly outcome: 'bad-response' | 'invalid',
    reason: string,
  ) {
    super(reason);
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Where the scan stands in the envelope `{"chain": [...], "length": n}`. */
type Place =
  | 'before-envelope'
  | 'before-key'
  | 'in-key'
  | 'before-colon'
  | 'before-value'
  | 'before-chain-element'
  | 'in-chain-element'
  | 'after-chain-element'
  | 'in-length'
  | 'after-value'
  | 'after-envelope';

const KEYS = ['chain', 'length'];
// A Python `len()` as JSON: an integer, written without sign, fraction or exponent.
const LENGTH_LITERAL = /^(0|[1-9]\d*)$/;
// Characters that may end a scalar element or the length: the ones that close or separate, and whitespace.
const SCALAR_END = /[,\]}\s]/g;
// Inside a block: the characters that change nesting or open a string.
const STRUCTURAL = /["[\]{}]/g;
// Inside a string: the characters that end it or escape the next.
const STRING_SPECIAL = /["\\]/g;

/**
 * Reads a reference node's `GET /chain` answer, `{"chain": [...], "length": n}` (keys in any order, whitespace
 * anywhere JSON allows it), as its text arrives in chunks cut anywhere, and gives each element of `chain` as its own
 * text, untouched, so that numbers keep their literal form (`5.0`, big integers) for the parser that reads them. It
 * splits; it does not parse: each element's text is read by `parseJson` later, which refuses what is not JSON.
 *
 * What it refuses, at the point the answer breaks: anything but that envelope (another key, a key twice, a
 * `length` that is not an integer, text after it, an answer cut short), more elements than a `length` told first,
 * and an element nesting more than `BLOCK_DEPTH_LIMIT` levels, before any parser recurses through it.
 */
export class ChainAnswerSplitter {
  private place: Place = 'before-envelope';
  private readonly seen = new Set<string>();
  private key = '';
  /** The text of the element or key being read, in the pieces its chunks brought. */
  private pieces: string[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private count = 0;
  private length: number | undefined;

  constructor(private readonly depthLimit = BLOCK_DEPTH_LIMIT) {}

  /** Reads one more chunk of the answer; returns the texts of the elements it completed. */
  push(chunk: string): string[] {
    const elements: string[] = [];
    let position = 0;
    while (position < chunk.length) {
      position = this.step(chunk, position, elements);
    }
    return elements;
  }

  /** The answer has ended: its `length`, checked against the elements counted. */
  end(): number {
    if (this.place !== 'after-envelope') throw this.bad('the answer ends before its envelope closes');
    if (!this.seen.has('chain') || this.length === undefined) throw this.bad('the answer lacks "chain" or "length"');
    if (this.length !== this.count) throw this.bad(`"length" is ${this.length} but "chain" holds ${this.count}`);
    return this.length;
  }

  /** Reads from `position` as far as the current place allows; returns where the next step starts. */
  private step(chunk: string, position: number, elements: string[]): number {
    switch (this.place) {
      case 'in-key':
        return this.readKey(chunk, position);
      case 'in-chain-element':
        return this.readElement(chunk, position, elements);
      case 'in-length':
        return this.readLength(chunk, position);
    }
    const code = chunk.charCodeAt(position);
    if (isWhitespace(code)) return position + 1;
    switch (this.place) {
      case 'before-envelope':
        this.expect(code === OPEN_BRACE, 'the answer is not a JSON object');
        this.place = 'before-key';
        break;
      case 'before-key':
        // A key must follow a comma: `{"chain": [], }` is refused here.
        if (code === CLOSE_BRACE && this.seen.size === 0) this.place = 'after-envelope';
        else this.place = this.expected(code === QUOTE, 'expected a key', 'in-key');
        break;
      case 'before-colon':
        this.expect(code === COLON, 'expected ":" after a key');
        this.place = 'before-value';
        break;
      case 'before-value':
        return this.startValue(chunk, position);
      case 'before-chain-element':
        if (code === CLOSE_BRACKET && this.count === 0) {
          this.place = 'after-value';
          break;
        }
        return this.startElement(position);
      case 'after-chain-element':
        // An element must follow a comma: `[{...},]` is refused where the element should start.
        if (code === CLOSE_BRACKET) this.place = 'after-value';
        else this.place = this.expected(code === COMMA, 'expected "," or "]" after a block', 'before-chain-element');
        break;
      case 'after-value':
        if (code === CLOSE_BRACE) this.place = 'after-envelope';
        else this.place = this.expected(code === COMMA, 'expected "," or "}" after a value', 'before-key');
        break;
      case 'after-envelope':
        throw this.bad('text follows the answer’s envelope');
    }
    return position + 1;
  }

  private readKey(chunk: string, position: number): number {
    const close = this.stringEnd(chunk, position);
    this.pieces.push(chunk.slice(position, close < 0 ? chunk.length : close));
    if (close < 0) return chunk.length;
    const key = this.pieces.join('');
    this.pieces = [];
    // Keys are compared as written: Flask writes them plainly, and an escaped spelling is not worth reading.
    if (!KEYS.includes(key)) throw this.bad(`unexpected key ${JSON.stringify(key.slice(0, 40))}`);
    if (this.seen.has(key)) throw this.bad(`"${key}" appears twice`);
    this.seen.add(key);
    this.key = key;
    this.place = 'before-colon';
    return close + 1;
  }

  private startValue(chunk: string, position: number): number {
    if (this.key === 'chain') {
      this.expect(chunk.charCodeAt(position) === OPEN_BRACKET, '"chain" is not a list');
      this.place = 'before-chain-element';
      return position + 1;
    }
    this.place = 'in-length';
    return position;
  }

  private readLength(chunk: string, position: number): number {
    SCALAR_END.lastIndex = position;
    const end = SCALAR_END.exec(chunk)?.index ?? -1;
    this.pieces.push(chunk.slice(position, end < 0 ? chunk.length : end));
    if (end < 0) return chunk.length;
    const literal = this.pieces.join('');
    this.pieces = [];
    const length = LENGTH_LITERAL.test(literal) ? Number(literal) : NaN;
    if (!Number.isSafeInteger(length)) throw this.bad('"length" is not an integer');
    if (length < this.count) throw this.bad(`"length" is ${length} but "chain" holds ${this.count}`);
    this.length = length;
    this.place = 'after-value';
    return end;
  }

  private startElement(position: number): number {
    if (this.length !== undefined && this.count === this.length) {
      throw this.bad(`"chain" holds more than the ${this.length} blocks "length" told`);
    }
    this.place = 'in-chain-element';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.pieces = [];
    return position;
  }

  /** Reads an element's text up to its end or the chunk's; its nesting is counted as it goes. */
  private readElement(chunk: string, start: number, elements: string[]): number {
    let position = start;
    while (position < chunk.length) {
      if (this.inString) {
        const close = this.stringEnd(chunk, position);
        if (close < 0) return this.keep(chunk, start, chunk.length);
        this.inString = false;
        position = close + 1;
        continue;
      }
      if (this.depth === 0 && position > start) {
        // Back at the element's own level: a container has just closed, or a scalar runs to its end.
        return this.finishElement(chunk, start, position, elements);
      }
      if (this.depth === 0) {
        const code = chunk.charCodeAt(position);
        if (code !== OPEN_BRACE && code !== OPEN_BRACKET && code !== QUOTE) {
          SCALAR_END.lastIndex = position;
          const end = SCALAR_END.exec(chunk)?.index ?? -1;
          if (end < 0) return this.keep(chunk, start, chunk.length);
          if (end === start && this.pieces.length === 0) throw this.bad('expected a block');
          return this.finishElement(chunk, start, end, elements);
        }
      }
      STRUCTURAL.lastIndex = position;
      const found = STRUCTURAL.exec(chunk);
      if (!found) return this.keep(chunk, start, chunk.length);
      position = found.index + 1;
      const code = chunk.charCodeAt(found.index);
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (++this.depth > this.depthLimit) {
          throw new ChainAnswerError('invalid', `block ${this.count + 1} nests deeper than ${this.depthLimit} levels`);
        }
      } else if (--this.depth < 0) throw this.bad('unbalanced brackets');
      // A string element ends with its closing quote, at the element's own level.
      if (this.depth === 0 && !this.inString) return this.finishElement(chunk, start, position, elements);
    }
    return this.keep(chunk, start, position);
  }

  private keep(chunk: string, start: number, end: number): number {
    this.pieces.push(chunk.slice(start, end));
    return end;
  }

  private finishElement(chunk: string, start: number, end: number, elements: string[]): number {
    this.pieces.push(chunk.slice(start, end));
    elements.push(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''));
    this.pieces = [];
    this.count++;
    this.place = 'after-chain-element';
    return end;
  }

  /** Where the string being read closes in `chunk` (the index of its quote), or -1 when it goes on past it. */
  private stringEnd(chunk: string, position: number): number {
    for (let at = position; at < chunk.length;) {
      if (this.escaped) {
        this.escaped = false;
        at++;
        continue;
      }
      STRING_SPECIAL.lastIndex = at;
      const special = STRING_SPECIAL.exec(chunk);
      if (!special) return -1;
      if (chunk.charCodeAt(special.index) === QUOTE) return special.index;
      this.escaped = true;
      at = special.index + 1;
    }
    return -1;
  }

  private expect(condition: boolean, reason: string): void {
    if (!condition) throw this.bad(reason);
  }

  private expected(condition: boolean, reason: string, next: Place): Place {
    this.expect(condition, reason);
    return next;
  }

  private bad(reason: string): ChainAnswerError {
    return new ChainAnswerError('bad-response', reason);
  }
}
