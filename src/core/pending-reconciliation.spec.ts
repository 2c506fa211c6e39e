import { Block, BlockTexts, rewardTransaction, Transaction } from './block';
import { reconcilePending, unseenPayments } from './pending-reconciliation';
import { PythonNumber } from './python-json';

const pay = (sender: string, amount: Transaction['amount'] = 1): Transaction => ({ sender, recipient: 'r', amount });
const block = (index: number, transactions: Transaction[]): Block => ({
  index,
  timestamp: 1,
  transactions: [...transactions, rewardTransaction('miner')],
  proof: 1,
  previous_hash: 'x',
});

describe(reconcilePending.name, () => {
  it('should settle pending transactions that a new block holds', () => {
    const result = reconcilePending([pay('a'), pay('b'), pay('c')], [], BlockTexts.of([block(2, [pay('b')])]));
    expect(result).toEqual({ settled: [1], restored: [] });
  });

  it('should restore transactions of dropped blocks that no new block holds', () => {
    const result = reconcilePending([], [block(2, [pay('a'), pay('b')])], BlockTexts.of([block(2, [pay('b')])]));
    expect(result).toEqual({ settled: [], restored: [pay('a')] });
  });

  it('should never restore a mining reward', () => {
    expect(reconcilePending([], [block(2, [])], BlockTexts.of([])).restored).toEqual([]);
  });

  it('should count identical payments separately', () => {
    const dropped = [block(2, [pay('a'), pay('a')])];
    const added = [block(2, [pay('a')])];
    expect(reconcilePending([pay('a')], dropped, BlockTexts.of(added))).toEqual({ settled: [], restored: [pay('a')] });
  });

  it('should settle a pending copy only for a new copy the dropped blocks do not explain', () => {
    const dropped = [block(2, [pay('a')])];
    const added = [block(2, [pay('a')]), block(3, [pay('a')])];
    expect(reconcilePending([pay('a'), pay('a')], dropped, BlockTexts.of(added))).toEqual({
      settled: [0],
      restored: [],
    });
  });

  it('should not restore a payment with a lone surrogate, which the pending set would store changed', () => {
    const lone = { sender: 'a\ud800', recipient: 'r', amount: 1 };
    const loneRecipient = { sender: 'b', recipient: '\udc00', amount: 1 };
    const paired = { sender: 'c😀', recipient: 'r', amount: 1 };
    const result = reconcilePending([], [block(2, [lone, loneRecipient, paired, pay('d')])], BlockTexts.of([]));
    expect(result.restored).toEqual([paired, pay('d')]);
  });

  it('should tell 5.0 from 5', () => {
    const result = reconcilePending([pay('a', 5)], [], BlockTexts.of([block(2, [pay('a', PythonNumber.float(5))])]));
    expect(result.settled).toEqual([]);
  });
});

describe(unseenPayments.name, () => {
  it('should give the payments of the blocks that neither the pending set nor dropped blocks held, rewards left out', () => {
    const blocks = [block(2, [pay('a'), pay('b')]), block(3, [pay('c')])];
    expect(unseenPayments(blocks, [pay('a')], [block(2, [pay('c')])])).toEqual([pay('b')]);
  });

  it('should count identical payments separately', () => {
    expect(unseenPayments([block(2, [pay('a'), pay('a'), pay('a')])], [pay('a')], [])).toEqual([pay('a'), pay('a')]);
  });

  it('should tell payments of other amounts or kinds apart', () => {
    expect(unseenPayments([block(2, [pay('a', 2), pay('a', PythonNumber.float(1))])], [pay('a')], [])).toEqual([
      pay('a', 2),
      pay('a', PythonNumber.float(1)),
    ]);
  });
});
