import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChainAnswerError, ChainAnswerSplitter } from './chain-answer-splitter';
import { BLOCK_DEPTH_LIMIT } from './chain-validation';
import { dumpJson, JsonObject, parseJson } from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');

/** Splits `text` cut into chunks at `cuts`; the elements' texts, and the length `end()` gives. */
function split(text: string, cuts: number[] = []): { elements: string[]; length: number } {
  const splitter = new ChainAnswerSplitter();
  const elements: string[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    elements.push(...splitter.push(text.slice(from, cut)));
    from = cut;
  }
  return { elements, length: splitter.end() };
}

function refusal(text: string, cuts: number[] = []): ChainAnswerError {
  try {
    split(text, cuts);
  } catch (error) {
    if (error instanceof ChainAnswerError) return error;
    throw error;
  }
  throw new Error('the answer was not refused');
}

/** Every way of cutting `text` in two, and in one-character chunks. */
function everyCut(text: string): number[][] {
  const pairs = Array.from({ length: text.length - 1 }, (_, i) => [i + 1]);
  return [[], ...pairs, Array.from({ length: text.length - 1 }, (_, i) => i + 1)];
}

describe(ChainAnswerSplitter.name, () => {
  it('should give each block of a reference answer as its exact text, numbers as written', () => {
    const chain = (parseJson(referenceChainText) as JsonObject).chain as JsonObject[];
    const { elements, length } = split(referenceChainText);
    expect(length).toBe(chain.length);
    expect(elements).toEqual(chain.map((block) => dumpJson(block)));
    expect(referenceChainText).toContain(elements[1]);
  });

  it('should give the same texts wherever the chunks are cut', () => {
    const text =
      '{"chain":[{"a":"x\\\\\\"}{[","n":5.0},{"b":[1,{"c":-2e+16}]},"s\\"",12345678901234567890,null],"length":5}';
    const expected = [
      '{"a":"x\\\\\\"}{[","n":5.0}',
      '{"b":[1,{"c":-2e+16}]}',
      '"s\\""',
      '12345678901234567890',
      'null',
    ];
    for (const cuts of everyCut(text)) expect(split(text, cuts)).toEqual({ elements: expected, length: 5 });
  });

  it('should take the keys in any order, and whitespace wherever JSON allows it', () => {
    const text = ' \n{ "length" : 2 ,\t"chain"\r: [ {"i": 1} , {"i" : 2}\n] }\n';
    for (const cuts of everyCut(text)) {
      expect(split(text, cuts)).toEqual({ elements: ['{"i": 1}', '{"i" : 2}'], length: 2 });
    }
    expect(split('{"chain":[],"length":0}')).toEqual({ elements: [], length: 0 });
  });

  it.each([
    ['not an object', '[1]'],
    ['an unknown key', '{"chain":[],"length":0,"extra":1}'],
    ['a key twice', '{"chain":[],"chain":[],"length":0}'],
    ['chain not a list', '{"chain":{},"length":0}'],
    ['a float length', '{"chain":[{}],"length":1.0}'],
    ['a string length', '{"chain":[{}],"length":"1"}'],
    ['a negative length', '{"length":-1,"chain":[]}'],
    ['a missing length', '{"chain":[{}]}'],
    ['a missing chain', '{"length":0}'],
    ['a trailing comma in chain', '{"chain":[{},],"length":1}'],
    ['a trailing comma in the envelope', '{"chain":[{}],"length":1,}'],
    ['no comma between blocks', '{"chain":[{} {}],"length":2}'],
    ['text after the envelope', '{"chain":[],"length":0}x'],
    ['a closing bracket too many', '{"chain":[{}]],"length":1}'],
  ])('should refuse %s as a bad response', (_, text) => {
    expect(refusal(text)).toMatchObject({ outcome: 'bad-response' });
  });

  it('should refuse an answer cut short, wherever it is cut', () => {
    const text = '{"chain":[{"a":"}"},{"b":[2]}],"length":2}';
    for (let end = 0; end < text.length; end++) {
      expect(refusal(text.slice(0, end))).toMatchObject({ outcome: 'bad-response' });
    }
  });

  it('should refuse a length that is not the count: at the end, or as soon as the blocks pass a length told first', () => {
    expect(refusal('{"chain":[{},{}],"length":3}').message).toBe('"length" is 3 but "chain" holds 2');
    expect(refusal('{"chain":[{},{}],"length":1}').message).toBe('"length" is 1 but "chain" holds 2');
    const splitter = new ChainAnswerSplitter();
    expect(splitter.push('{"length":1,"chain":[{},')).toEqual(['{}']);
    expect(() => splitter.push('{')).toThrow('"chain" holds more than the 1 blocks "length" told');
  });

  it('should refuse a block nesting deeper than the limit as invalid, before the block ends', () => {
    const deepest = '['.repeat(BLOCK_DEPTH_LIMIT - 1) + ']'.repeat(BLOCK_DEPTH_LIMIT - 1);
    expect(split(`{"chain":[{"x":${deepest}}],"length":1}`).elements).toHaveLength(1);
    const splitter = new ChainAnswerSplitter();
    // A million levels are never read: the refusal comes at the first level too many.
    expect(() => splitter.push(`{"chain":[{"x":${'['.repeat(1_000_000)}`)).toThrow(
      new ChainAnswerError('invalid', `block 1 nests deeper than ${BLOCK_DEPTH_LIMIT} levels`),
    );
    // Brackets inside strings do not nest.
    const inString = `{"chain":[{"x":"${'['.repeat(100)}"}],"length":1}`;
    expect(split(inString).elements).toEqual([`{"x":"${'['.repeat(100)}"}`]);
  });
});
