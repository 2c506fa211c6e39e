import { Block, BlockTexts, createGenesisBlock, dumpJson, hashBlock, parseJson, Transaction } from '../core';
import { chainEvent, peerStatusEvent, transactionEvent } from './node-events';

const genesis = createGenesisBlock(1_700_000_000_000);
const payment = parseJson('{"sender": "alice", "recipient": "bob", "amount": 5.0}') as Transaction;
const next: Block = {
  index: 2,
  timestamp: 1_700_000_010.5,
  transactions: [payment, { sender: '0', recipient: 'miner', amount: 1 }],
  proof: 35,
  previous_hash: hashBlock(genesis),
};

describe('node events', () => {
  it('should tell an appended block by its index, hashes, time, transaction count, source and the new length', () => {
    const event = chainEvent({ kind: 'appended', block: next, hash: hashBlock(next), source: 'announced' });
    expect(event).toEqual({
      kind: 'block-appended',
      data: {
        index: 2,
        hash: hashBlock(next),
        previous_hash: hashBlock(genesis),
        timestamp: 1_700_000_010.5,
        transactions: 2,
        source: 'announced',
        length: 2,
      },
    });
  });

  it('should tell a replacement by its fork, the blocks dropped and added, and the new length and tip', () => {
    const event = chainEvent({
      kind: 'replaced',
      forkHeight: 1,
      tipHash: hashBlock(next),
      continues: false,
      dropped: [next, next, next],
      added: BlockTexts.of([next, next, next, next]),
    });
    expect(event).toEqual({
      kind: 'chain-replaced',
      data: { forkHeight: 1, dropped: 3, added: 4, length: 5, hash: hashBlock(next) },
    });
  });

  it('should tell an accepted transaction with its amount of the kind it was posted, and its block', () => {
    const event = transactionEvent({ transaction: payment, relayId: 'relay-1', index: 7 });
    expect(event.kind).toBe('transaction-accepted');
    expect(dumpJson(event.data)).toBe('{"amount":5.0,"index":7,"recipient":"bob","sender":"alice"}');
  });

  it('should tell a peer status change, null standing for no previous status and no chain served', () => {
    expect(peerStatusEvent({ node: '127.0.0.1:5001', status: 'ok', length: 3, previous: null })).toEqual({
      kind: 'peer-status',
      data: { node: '127.0.0.1:5001', status: 'ok', previous: null, length: 3 },
    });
    expect(peerStatusEvent({ node: '127.0.0.1:5001', status: 'timeout', previous: 'ok' }).data).toEqual({
      node: '127.0.0.1:5001',
      status: 'timeout',
      previous: 'ok',
      length: null,
    });
  });
});
