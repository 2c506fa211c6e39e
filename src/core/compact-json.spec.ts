import hashVectors from '../../test/fixtures/reference/hash-vectors.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCK_DEPTH_LIMIT } from './chain-validation';
import { canonicalOfCompact, compactArrayElements, readCompact } from './compact-json';
import {
  CANONICAL_STYLE,
  COMPACT_STYLE,
  dumpJson,
  hasLossyNumber,
  JsonValue,
  parseJson,
  PythonNumber,
} from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');

/** What `canonicalOfCompact` must give whenever it gives anything: `text` read, then dumped as Python would. */
function dumpedAgain(text: string): { compact: string; canonical: string } {
  const value = parseJson(text);
  return { compact: dumpJson(value, COMPACT_STYLE), canonical: dumpJson(value, CANONICAL_STYLE) };
}

let seed = 11;
const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
const STRING_PIECES = [
  'a',
  'Z',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0001',
  '\u007f',
  'é',
  '北',
  '\ud83d\ude00',
  '\ud800',
  ',',
  ':',
];
const NUMBERS: JsonValue[] = [
  0,
  -0,
  7,
  -12,
  2 ** 53 - 1,
  1.5,
  -0.25,
  1e-4,
  1e-5,
  1.5e-7,
  123456.789,
  1506057125.900785,
  PythonNumber.float(5),
  PythonNumber.float(-0),
  PythonNumber.float(1e16),
  PythonNumber.float(2.5e300),
  PythonNumber.integer('123456789012345678901234567890'),
  PythonNumber.integer('-98765432109876543210'),
];

function randomString(): string {
  return Array.from({ length: random(5) }, () => STRING_PIECES[random(STRING_PIECES.length)]).join('');
}

function randomValue(budget: number): JsonValue {
  const kind = budget === 0 ? random(4) : random(6);
  if (kind === 0) return randomString();
  if (kind === 1) return NUMBERS[random(NUMBERS.length)];
  if (kind === 2) return [true, false, null][random(3)];
  if (kind === 3) return random(2) === 0 ? 'plain' : random(100000) / 64;
  if (kind === 4) return Array.from({ length: random(4) }, () => randomValue(budget - 1));
  const object: Record<string, JsonValue> = {};
  // Mostly plain keys, some needing escapes, some integer-like (which JS enumerates first).
  const keys = ['index', 'amount', 'b', 'a', '10', '9', 'key"q', 'ключ', ''];
  for (let member = random(5); member > 0; member--) object[keys[random(keys.length)]] = randomValue(budget - 1);
  return object;
}

/** Keys Python writes with an escape: anything but printable ASCII, or a quote or backslash. */
const needsEscape = (key: string) =>
  [...key].some((character) => character < ' ' || character > '~' || '"\\'.includes(character));

function hasEscapedKey(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(hasEscapedKey);
  if (value === null || typeof value !== 'object' || value instanceof PythonNumber) return false;
  return Object.entries(value).some(([key, member]) => needsEscape(key) || hasEscapedKey(member));
}

/** `text` with one random edit: a character inserted, dropped or changed, or two neighbours swapped. */
function mutated(text: string): string {
  const alphabet = ' ,:{}[]"\\0123456789.-+eEu/aftn';
  const position = random(text.length + 1);
  const character = alphabet[random(alphabet.length)];
  switch (random(4)) {
    case 0:
      return text.slice(0, position) + character + text.slice(position);
    case 1:
      return text.slice(0, position) + text.slice(position + 1);
    case 2:
      return text.slice(0, position) + character + text.slice(position + 1);
    default:
      return (
        text.slice(0, position) +
        text.slice(position + 1, position + 2) +
        text.slice(position, position + 1) +
        text.slice(position + 2)
      );
  }
}

describe(canonicalOfCompact.name, () => {
  it.each(hashVectors.vectors)("should give the reference's canonical text for vector $name", (vector) => {
    expect(canonicalOfCompact(vector.wire)).toBe(vector.canonical);
  });

  it("should give the canonical text of every block of the reference's chain", () => {
    const { chain } = JSON.parse(referenceChainText) as { chain: unknown[] };
    const elements = compactArrayElements(referenceChainText, referenceChainText.indexOf('['))!;
    expect(elements.compact).toHaveLength(chain.length);
    elements.compact.forEach((text, position) => {
      expect(canonicalOfCompact(text)).toBe(dumpedAgain(text).canonical);
      expect(elements.canonical[position]).toBe(dumpedAgain(text).canonical);
    });
  });

  it.each([
    ['{"a":1,"b":[true,false,null],"c":{}}', '{"a": 1, "b": [true, false, null], "c": {}}'],
    ['[]', '[]'],
    ['"a, b: c"', '"a, b: c"'],
    ['"\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u007f\\u00e9\\ud83d\\ude00"', null],
    ['-0.0', '-0.0'],
    ['5.0', '5.0'],
    ['1e-05', '1e-05'],
    ['2.5e+16', '2.5e+16'],
    ['-123456789012345678901234567890', '-123456789012345678901234567890'],
    ['0', '0'],
    ['"/"', '"/"'],
  ])('should read %s as compact', (text, canonical) => {
    expect(canonicalOfCompact(text)).toBe(canonical ?? text);
  });

  it.each([
    ['a space', '{"a": 1}'],
    ['a newline between values', '[1,\n2]'],
    ['unsorted keys', '{"b":1,"a":2}'],
    ['a repeated key', '{"a":1,"a":2}'],
    ['integer-like keys in JS order', '{"9":1,"10":2}'],
    ['an escaped key', '{"\\u00e9":1}'],
    ['"-0"', '-0'],
    ['a leading zero', '[01]'],
    ['a float not in repr form', '1.50'],
    ['an integral float without ".0"', '1e3'],
    ['an upper-case exponent', '1E-07'],
    ['a float past the double range', '1e400'],
    ['a short-escaped character as \\u', '"\\u000a"'],
    ['a printable character escaped', '"\\u0041"'],
    ['upper-case hex', '"\\u00E9"'],
    ['an escaped slash', '"\\/"'],
    ['a raw non-ASCII character', '"é"'],
    ['a raw control character', '"\u0001"'],
    ['a raw DEL', '"\u007f"'],
    ['a truncated string', '"abc'],
    ['a truncated object', '{"a":1'],
    ['trailing text', '1 '],
    ['a trailing comma', '[1,]'],
    ['an empty text', ''],
    ['a misspelled literal', 'nul'],
  ])('should leave text with %s to dumpJson', (_, text) => {
    expect(canonicalOfCompact(text)).toBeNull();
  });

  it('should leave nesting past the depth a block may reach to dumpJson', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(canonicalOfCompact(nested(BLOCK_DEPTH_LIMIT + 1))).toBeNull();
    expect(canonicalOfCompact(nested(BLOCK_DEPTH_LIMIT))).toBe(nested(BLOCK_DEPTH_LIMIT));
  });

  it("should read every random value's compact dump, and give its canonical dump", () => {
    for (let trial = 0; trial < 3000; trial++) {
      const value = randomValue(3);
      const compact = dumpJson(value, COMPACT_STYLE);
      const canonical = canonicalOfCompact(compact);
      // Escaped keys are compared decoded: those values are left to dumpJson.
      if (hasEscapedKey(value)) expect([null, dumpJson(value, CANONICAL_STYLE)]).toContain(canonical);
      else expect(canonical).toBe(dumpJson(value, CANONICAL_STYLE));
    }
  });

  it('should read an edited text only when it is still the compact dump of what it holds', () => {
    let read = 0;
    for (let trial = 0; trial < 20000; trial++) {
      const text = mutated(dumpJson(randomValue(3), COMPACT_STYLE));
      const canonical = canonicalOfCompact(text);
      if (canonical === null) continue;
      read++;
      expect({ text, ...dumpedAgain(text) }).toEqual({ text, compact: text, canonical });
    }
    // Most edits break the form; enough of them keep it for the check above to mean something.
    expect(read).toBeGreaterThan(1000);
  });
});

describe(readCompact.name, () => {
  it.each([
    ['{"a":1,"b":[2.5,-7,1e-05]}', true],
    ['123456789012345', true],
    ['5.0', false],
    ['2.5e+16', false],
    ['-0.0', false],
    ['[1,123456789012345678901234567890]', false],
    ['"5.0"', true],
  ])('should tell whether JSON.parse reads every number of %s as Python does', (text, plain) => {
    expect(readCompact(text)).toEqual({ canonical: dumpedAgain(text).canonical, plain });
  });

  it("should call a random value's numbers plain exactly when parseJson would need its lossless path", () => {
    for (let trial = 0; trial < 3000; trial++) {
      const compact = dumpJson(randomValue(3), COMPACT_STYLE);
      const read = readCompact(compact);
      if (read) expect({ compact, plain: read.plain }).toEqual({ compact, plain: !hasLossyNumber(compact) });
    }
  });
});

describe(compactArrayElements.name, () => {
  it('should split an array into its elements, with their canonical texts', () => {
    const text = 'x[{"a":1},[2,3],"s"]y';
    expect(compactArrayElements(text, 1)).toEqual({
      compact: ['{"a":1}', '[2,3]', '"s"'],
      canonical: ['{"a": 1}', '[2, 3]', '"s"'],
      plain: true,
      end: text.length - 1,
    });
    expect(compactArrayElements('[]', 0)).toEqual({ compact: [], canonical: [], plain: true, end: 2 });
  });

  it('should tell whether every number of every element is plain', () => {
    expect(compactArrayElements('[{"a":1},2.5]', 0)?.plain).toBe(true);
    expect(compactArrayElements('[{"a":1.0},2.5]', 0)?.plain).toBe(false);
  });

  it('should let each element nest as deep as a block may', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(compactArrayElements(`[1,${nested(BLOCK_DEPTH_LIMIT)}]`, 0)?.compact).toHaveLength(2);
    expect(compactArrayElements(`[1,${nested(BLOCK_DEPTH_LIMIT + 1)}]`, 0)).toBeNull();
  });

  it.each([['{"a":1}'], ['[1, 2]'], ['[1,{"b":1,"a":2}]'], ['[1'], ['[1,]']])('should refuse %s', (text) => {
    expect(compactArrayElements(text, 0)).toBeNull();
  });
});
