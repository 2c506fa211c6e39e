import { Block, BlockTexts, REWARD_SENDER, Transaction } from './block';
import { dumpJson } from './python-json';

export interface PendingReconciliation {
  /** Positions in the pending list of transactions the new blocks already hold. */
  settled: number[];
  /** Transactions of dropped blocks that no new block holds: they go back to the pending set. */
  restored: Transaction[];
}

/** Equal payments have equal keys: what a multiset of payments counts by. */
export function transactionKey(transaction: Transaction): string {
  return dumpJson(transaction);
}

function paymentsIn(blocks: Block[]): Transaction[] {
  return blocks.flatMap((block) => block.transactions.filter((transaction) => transaction.sender !== REWARD_SENDER));
}

function countByKey(transactions: Transaction[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const transaction of transactions) {
    const key = transactionKey(transaction);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Takes one copy of `key` from the multiset, telling whether there was one. */
function take(counts: Map<string, number>, key: string): boolean {
  const count = counts.get(key) ?? 0;
  if (count === 0) return false;
  counts.set(key, count - 1);
  return true;
}

/**
 * Whether the pending set, stored as UTF-8 text, holds the payment exactly: not with a lone surrogate, which a
 * peer's block may carry (clients' transactions holding one are refused) and which would come back as U+FFFD, a
 * payment nobody made.
 */
function storableExactly(transaction: Transaction): boolean {
  return transaction.sender.isWellFormed() && transaction.recipient.isWellFormed();
}

/**
 * After a reorg, what the pending set must lose and regain so that every accepted transaction is in the chain or
 * pending exactly once. Transactions are compared as a multiset: two identical payments are two payments.
 * Mining rewards are never restored (they belong to the block that paid them), nor are payments the pending set
 * cannot store exactly.
 */
export function reconcilePending(pending: Transaction[], dropped: Block[], added: BlockTexts): PendingReconciliation {
  const droppedPayments = paymentsIn(dropped);
  // Equal transactions have equal senders: only added payments from these senders can match, so only they are keyed.
  const senders = new Set([...pending, ...droppedPayments].map((transaction) => transaction.sender));
  // Without any, the added blocks (a joining node's whole chain, say) are not even parsed.
  const addedCounts = countByKey(
    senders.size === 0 ? [] : paymentsIn(added.all()).filter((transaction) => senders.has(transaction.sender)),
  );
  const restored = droppedPayments.filter(
    (transaction) => !take(addedCounts, transactionKey(transaction)) && storableExactly(transaction),
  );
  const settled: number[] = [];
  pending.forEach((transaction, position) => {
    if (take(addedCounts, transactionKey(transaction))) settled.push(position);
  });
  return { settled, restored };
}

/**
 * Payments of `blocks` that neither the pending set nor the dropped blocks held, as a multiset: those this node
 * learns of from the blocks alone, so a copy that is still being relayed to it may come after.
 */
export function unseenPayments(blocks: Block[], pending: Transaction[], dropped: Block[]): Transaction[] {
  const known = countByKey([...pending, ...paymentsIn(dropped)]);
  return paymentsIn(blocks).filter((transaction) => !take(known, transactionKey(transaction)));
}
