import {
  CANONICAL_STYLE,
  dumpJson,
  parseJson,
  parsePythonNumber,
  pythonFloatRepr,
  PythonNumber,
  RawJson,
} from './python-json';

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

  describe(parseJson.name, () => {
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
