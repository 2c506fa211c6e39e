import { PythonNumber } from '../core/python-json';
import { ago, count, fields, printable, table, timeText, transactionsTable } from './format';

describe('The command line output', () => {
  it('should pad columns to their widest cell, aligning the chosen ones right', () => {
    expect(
      table(
        ['block', 'hash'],
        [
          ['1', 'ab'],
          ['10', 'cdef'],
        ],
        [0],
      ),
    ).toBe('block  hash\n    1  ab\n   10  cdef');
  });

  it('should line up the values of label and value pairs', () => {
    expect(
      fields([
        ['node', 'http://a'],
        ['pending', '2 transactions'],
      ]),
    ).toBe('node     http://a\npending  2 transactions');
  });

  it('should escape control characters, so that text from the chain cannot drive the terminal', () => {
    expect(printable('alice\u001b[2J\r\nbob\u009b')).toBe('alice\\u001b[2J\\u000d\\u000abob\\u009b');
    expect(printable('zoë → bob')).toBe('zoë → bob');
  });

  it('should show amounts as the node wrote them', () => {
    const transactions = [
      { sender: 'alice', recipient: 'bob', amount: PythonNumber.float(5) },
      { sender: '0', recipient: 'miner', amount: 1 },
    ];
    expect(transactionsTable(transactions)).toBe(
      'sender  recipient  amount\nalice   bob           5.0\n0       miner           1',
    );
  });

  it('should tell times in UTC and how long ago, in the largest whole unit', () => {
    expect(timeText(86_400.25)).toBe('1970-01-02T00:00:00.250Z');
    const now = 1_800_000_000_000;
    expect(ago(now / 1000 - 5, now)).toBe('5 s ago');
    expect(ago(now / 1000 - 600, now)).toBe('10 min ago');
    expect(ago(now / 1000 - 3 * 3600, now)).toBe('3 h ago');
    expect(ago(now / 1000 - 5 * 86_400, now)).toBe('5 days ago');
    expect(ago(now / 1000 + 30, now)).toBe('0 s ago');
  });

  it('should count in the singular and the plural', () => {
    expect([count(1, 'block'), count(0, 'block'), count(2, 'block')]).toEqual(['1 block', '0 blocks', '2 blocks']);
  });
});
