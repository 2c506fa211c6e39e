import type { BlockStore } from '../chain/block.store';
import { Block, parseJson, pythonNumberText } from '../core';
import type { IndexedTransactionEntity } from './indexed-transaction.entity';
import type { IndexedTip, IndexedTransactionStore } from './indexed-transaction.store';

/** How far the address index reaches: the transactions of the chain's first `height` blocks, of `length`. */
export interface IndexReach {
  height: number;
  length: number;
}

/**
 * How many blocks of our chain the index covers: those up to the block it was last brought to. Undefined when that
 * block is not in our chain, which only an index from another chain (or a database copied in) can be.
 */
export function indexedHeight(blocks: BlockStore, index: IndexedTransactionStore): number | undefined {
  const tip = index.indexedTip();
  if (tip === undefined) return 0;
  return blocks.hashAt(tip.height) === tip.hash ? tip.height : undefined;
}

/**
 * Inside the caller's transaction: indexes up to `limit` more blocks of our chain, those above the ones it covers,
 * stopping after any block once `enough` says so. An index from another chain is emptied first, and built anew.
 */
export function indexNextBlocks(
  blocks: BlockStore,
  index: IndexedTransactionStore,
  limit: number,
  enough: () => boolean = () => false,
): IndexReach {
  let height = indexedHeight(blocks, index);
  if (height === undefined) {
    index.clear();
    height = 0;
  }
  let last: IndexedTip | undefined;
  for (const row of blocks.pageAbove(height, limit)) {
    index.add(indexRows(parseJson(row.body) as Block));
    last = row;
    height = row.height;
    if (enough()) break;
  }
  if (last !== undefined) index.setIndexedTip(last);
  return { height, length: blocks.tip()?.height ?? 0 };
}

/** A block's transactions as the index keeps them. */
function indexRows(block: Block): IndexedTransactionEntity[] {
  return block.transactions.map((transaction, position) => ({
    height: block.index,
    position,
    sender: transaction.sender,
    recipient: transaction.recipient,
    amount: pythonNumberText(transaction.amount),
  }));
}
