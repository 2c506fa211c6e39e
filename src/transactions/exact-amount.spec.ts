import { PythonNumber } from '../core';
import { exactAmount, exactRelayedAmounts } from './exact-amount';

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

describe(exactRelayedAmounts.name, () => {
  it('should keep each relayed amount as written, in order', () => {
    const body = '{"transactions":[{"transaction":{"amount":5.0}},{"transaction":{"amount":12345678901234567890}}]}';
    const amounts = exactRelayedAmounts(Buffer.from(body), [5, 12345678901234567000]);
    expect(amounts.map(String)).toEqual(['5.0', '12345678901234567890']);
    expect(amounts[0]).toBeInstanceOf(PythonNumber);
  });

  it('should fall back to the parsed amounts without a raw body', () => {
    expect(exactRelayedAmounts(undefined, [1, 2.5])).toEqual([1, 2.5]);
  });
});
