import { PythonNumber } from '../core';
import { exactAmount } from './exact-amount';

describe(exactAmount.name, () => {
  it('should keep an integral float a float', () => {
    const amount = exactAmount(Buffer.from('{"sender":"a","recipient":"b","amount":5.0}'), 5);
    expect(amount).toBeInstanceOf(PythonNumber);
    expect(String(amount)).toBe('5.0');
  });

  it('should keep every digit of a big integer', () => {
    expect(String(exactAmount(Buffer.from('{"amount":12345678901234567890}'), 12345678901234567000))).toBe(
      '12345678901234567890',
    );
  });

  it('should keep the last of repeated amounts, as the parser that validated it did', () => {
    expect(exactAmount(Buffer.from('{"amount":1,"amount":2.5}'), 2.5)).toBe(2.5);
  });

  it('should fall back to the parsed amount without a raw body', () => {
    expect(exactAmount(undefined, 7)).toBe(7);
  });
});
