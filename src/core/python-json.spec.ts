import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hashVectors from '../../test/fixtures/reference/hash-vectors.json';
import {
  CANONICAL_STYLE,
  dumpJson,
  hasLossyNumber,
  JsonValue,
  jsonTextExceedsDepth,
  jsonValueExceedsDepth,
  parseJson,
  parseJsonLosslessly,
  parsePythonNumber,
  pythonFloatRepr,
  PythonNumber,
  RawJson,
} from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');

describe('python-json', () => {
  describe(pythonFloatRepr.name, () => {
    it.each([
      [5, '5.0'],
      [2.5, '2.5'],
      [1e-7, '1e-07'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [2.5e16, '2.5e+16'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [1e15 + 0.5, '1000000000000000.5'],
      [1e21, '1e+21'],
      [123456789.123, '123456789.123'],
      [1506057125.900785, '1506057125.900785'],
      [0.1, '0.1'],
      [-2.5, '-2.5'],
      [-0, '-0.0'],
      [0, '0.0'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5e-324'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [NaN, 'NaN'],
    ])('should format %p as Python does (%s)', (value, expected) => {
      expect(pythonFloatRepr(value)).toBe(expected);
    });

    it("should match Python's repr for random floats of every magnitude", () => {
      const values = Array.from({ length: 3000 }, (_, i) => (Math.random() - 0.5) * 10 ** ((i % 60) - 30));
      values.push(1e-4, 9999999999999998, 1e16 - 1, 0.1 + 0.2, 123.0000000000001);
      const script = 'import json, sys; print(json.dumps([repr(float(x)) for x in json.load(sys.stdin)]))';
      const python = execFileSync('python3', ['-c', script], { input: JSON.stringify(values) }).toString();
      expect(values.map(pythonFloatRepr)).toEqual(JSON.parse(python));
    });
  });

  describe(parsePythonNumber.name, () => {
    it('should keep small integers as JS numbers', () => {
      expect(parsePythonNumber('42')).toBe(42);
      expect(parsePythonNumber('-7')).toBe(-7);
    });

    it('should keep integers beyond 2^53 exact', () => {
      const parsed = parsePythonNumber('12345678901234567890123');
      expect(parsed).toBeInstanceOf(PythonNumber);
      expect(String(parsed)).toBe('12345678901234567890123');
      expect((parsed as PythonNumber).isInteger).toBe(true);
    });

    it('should keep integral floats as floats', () => {
      const parsed = parsePythonNumber('5.0');
      expect(parsed).toBeInstanceOf(PythonNumber);
      expect(String(parsed)).toBe('5.0');
      expect((parsed as PythonNumber).isInteger).toBe(false);
      expect(String(parsePythonNumber('2.5E16'))).toBe('2.5e+16');
    });

    it('should return non-integral floats as JS numbers', () => {
      expect(parsePythonNumber('2.5')).toBe(2.5);
      expect(parsePythonNumber('1e-7')).toBe(1e-7);
    });

    it('should normalize negative zero integers like Python', () => {
      expect(String(parsePythonNumber('-0'))).toBe('0');
    });
  });

  describe(hasLossyNumber.name, () => {
    it.each([
      ['an integral float', '{"amount":5.0}'],
      ['an exponent with an integral value', '[1e3]'],
      ['negative zero as a float', '[-0.0]'],
      ['a float beyond the double range', '{"a":1E400}'],
      ['a float that underflows to zero', '[1e-400]'],
      ['2^53', '[9007199254740992]'],
      ['a negative integer beyond 2^53', '[-9007199254740993]'],
      ['a number after a string ending in an escaped backslash', '["x\\\\",5.0]'],
    ])('should flag %s', (_case, text) => {
      expect(hasLossyNumber(text)).toBe(true);
    });

    it.each([
      ['numbers inside strings', '{"a":"5.0","hash":"3e3","big":"99999999999999999999"}'],
      ['a number after an escaped quote, still inside the string', '["say \\"5.0"]'],
      ['fractions, small exponents and safe integers', '[2.5,1e-7,9007199254740991,-9007199254740991,-0,0]'],
      ['an unterminated string (JSON.parse refuses it too)', '["5.0'],
    ])('should pass %s', (_case, text) => {
      expect(hasLossyNumber(text)).toBe(false);
    });
  });

  /** Arrays nested `levels` deep around `inner`: `nested(2)` is `[[]]`. */
  const nested = (levels: number, inner: JsonValue[] = []): JsonValue[] => {
    let value = inner;
    for (let level = 1; level < levels; level++) value = [value];
    return value;
  };

  /** The depth `jsonTextExceedsDepth` finds: the smallest limit it does not exceed. */
  const textDepth = (text: string) => {
    let limit = 0;
    while (jsonTextExceedsDepth(text, limit)) limit++;
    return limit;
  };

  describe(jsonTextExceedsDepth.name, () => {
    it.each([
      ['a number', '5', 0],
      ['a string', '"x"', 0],
      ['empty text', '', 0],
      ['an empty list', '[]', 1],
      ['an empty object', '{}', 1],
      ['lists side by side', '[[],[1],{"a":2}]', 2],
      ['a list in an object in a list', '[{"a":[1]}]', 3],
      ['brackets inside strings', '{"a":"[[{{","b":["}}]]"]}', 2],
      ['brackets after an escaped quote, still inside the string', '["\\"[[[[", "\\"{{"]', 1],
      ['brackets after a string ending in an escaped backslash', '["x\\\\",[[]]]', 3],
      ['brackets in keys', '{"[[[":{"{{{":1}}', 2],
    ])('should measure %s', (_case, text, depth) => {
      expect(textDepth(text)).toBe(depth);
    });

    it('should agree with the parsed value on the fixtures', () => {
      for (const text of [referenceChainText, ...hashVectors.vectors.map((vector) => vector.wire)]) {
        const value = JSON.parse(text) as JsonValue;
        for (let limit = 0; limit <= 6; limit++) {
          expect(jsonTextExceedsDepth(text, limit)).toBe(jsonValueExceedsDepth(value, limit));
        }
      }
    });

    it('should agree with the parsed value on random JSON full of quotes, escapes and brackets', () => {
      let seed = 7;
      const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
      const pieces = ['[', ']', '{', '}', '"', '\\', 'x', 'é', '\n'];
      const randomString = () => Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join('');
      const randomValue = (budget: number): JsonValue => {
        const kind = budget === 0 ? random(2) : random(4);
        if (kind === 0) return randomString();
        if (kind === 1) return random(1000) / 8;
        const members = Array.from({ length: random(4) }, () => randomValue(budget - 1));
        if (kind === 2) return members;
        return Object.fromEntries(members.map((member, position) => [randomString() + position, member]));
      };
      for (let round = 0; round < 300; round++) {
        const value = randomValue(random(8));
        const text = JSON.stringify(value);
        for (let limit = 0; limit <= 8; limit++) {
          expect(jsonTextExceedsDepth(text, limit)).toBe(jsonValueExceedsDepth(value, limit));
        }
      }
    });

    it('should stop at the limit, whatever follows', () => {
      expect(jsonTextExceedsDepth('[[[' + 'not json at all', 2)).toBe(true);
      expect(jsonTextExceedsDepth('['.repeat(1_000_000), 32)).toBe(true);
    });

    it('should pass text deeper than any stack, once it is within the limit', () => {
      const text = '['.repeat(100_000) + ']'.repeat(100_000);
      expect(jsonTextExceedsDepth(text, 100_000)).toBe(false);
      expect(jsonTextExceedsDepth(text, 99_999)).toBe(true);
    });

    it('should pass an unterminated string (every parser refuses it)', () => {
      expect(jsonTextExceedsDepth('["[[[[', 2)).toBe(false);
    });
  });

  describe(jsonValueExceedsDepth.name, () => {
    it.each([
      ['null', null, 0],
      ['a string', '[[[', 0],
      ['an integral float', PythonNumber.float(5), 0],
      ['a big integer', PythonNumber.integer('12345678901234567890'), 0],
      ['an empty list', [], 1],
      ['an empty object', {}, 1],
      ['a list of scalars', [1, 'a', null, true], 1],
      ['a list in an object in a list', [{ a: [1] }], 3],
      ['lists side by side', [[], [[]], {}], 3],
    ])('should measure %s', (_case, value, depth) => {
      if (depth > 0) expect(jsonValueExceedsDepth(value, depth - 1)).toBe(true);
      expect(jsonValueExceedsDepth(value, depth)).toBe(false);
    });

    it('should count a "__proto__" member a parser made', () => {
      expect(jsonValueExceedsDepth(JSON.parse('{"__proto__":{"a":[]}}') as JsonValue, 2)).toBe(true);
    });

    it('should look no deeper than the limit, so a value deeper than any stack is measured safely', () => {
      const value = nested(100_000);
      expect(jsonValueExceedsDepth(value, 32)).toBe(true);
      expect(jsonValueExceedsDepth(nested(32), 32)).toBe(false);
    });
  });

  describe(parseJson.name, () => {
    const outcome = (parse: (text: string) => unknown, text: string) => {
      try {
        return { value: parse(text) };
      } catch (error) {
        return { error: (error as Error).constructor.name };
      }
    };

    it.each([
      referenceChainText,
      ...hashVectors.vectors.map((vector) => vector.wire),
      '{"a":5.0,"b":2.5,"c":12345678901234567890,"d":"5.0","e":[1e2,-0,-0.0,1e-7]}',
      '{"__proto__":{"x":1},"a":1}',
      '{"a":1,"a":2,"a":{"b":1}}',
      '{"\\ud83d\\ude00":"\\u00e9\\/\\b\\f\\n\\r\\t\\ud800","":[]}',
      ' \n\t[true ,false,\rnull]\n',
      '"\\ud800"',
      '"a\u0001"',
      '"\u007f"',
      '\ufeff1',
      '[\u00a01]',
      '1 2',
      '[1-2]',
      '[1.2.3]',
      '[1,]',
      '{"a":1,}',
      '01',
      '-01',
      '-',
      '1.',
      '.5',
      '1e',
      '1e+',
      '+1',
      '0x10',
      '"\\x"',
      "'a'",
      '{1:2}',
      '{"a"}',
      'NaN',
      'Infinity',
      '[1]]',
      '',
      ' ',
    ])('should parse %p exactly as the lossless parser does, or refuse it the same way', (text) => {
      expect(outcome(parseJson, text)).toEqual(outcome(parseJsonLosslessly, text));
    });

    it('should keep 5.0 a float and big integers exact among plain numbers', () => {
      const parsed = parseJson('{"a":5.0,"b":2.5,"c":12345678901234567890}') as Record<string, unknown>;
      expect(parsed.a).toEqual(PythonNumber.float(5));
      expect(parsed.b).toBe(2.5);
      expect(String(parsed.c)).toBe('12345678901234567890');
    });

    it('should keep the last value of a repeated key, as Python does', () => {
      expect(parseJson('{"a":1,"a":2}')).toEqual({ a: 2 });
    });

    it('should refuse malformed JSON', () => {
      expect(() => parseJson('{"a":')).toThrow(SyntaxError);
      expect(() => parseJson('{"a":NaN}')).toThrow(SyntaxError);
    });
  });

  describe(dumpJson.name, () => {
    it('should sort keys and use the canonical separators', () => {
      expect(dumpJson({ b: 1, a: [true, null, 'x'] }, CANONICAL_STYLE)).toBe('{"a": [true, null, "x"], "b": 1}');
    });

    it('should write compact text like Flask', () => {
      expect(dumpJson({ b: 1, a: [1, 2] })).toBe('{"a":[1,2],"b":1}');
    });

    it('should escape everything outside printable ASCII', () => {
      expect(dumpJson('Zoë 北京 😀 \u007f\u0001"\\/')).toBe(
        '"Zo\\u00eb \\u5317\\u4eac \\ud83d\\ude00 \\u007f\\u0001\\"\\\\/"',
      );
    });

    it('should sort keys by code point, not by UTF-16 unit', () => {
      expect(dumpJson({ '\uff01': 1, '😀': 2, a: 3 })).toBe('{"a":3,"\\uff01":1,"\\ud83d\\ude00":2}');
    });

    it('should splice raw JSON verbatim', () => {
      expect(dumpJson({ chain: [new RawJson('{"x":5.0}')] })).toBe('{"chain":[{"x":5.0}]}');
    });

    it('should write numbers with their Python kind', () => {
      expect(dumpJson([5, 5.5, PythonNumber.float(5), PythonNumber.integer('9007199254740993')])).toBe(
        '[5,5.5,5.0,9007199254740993]',
      );
    });
  });
});
