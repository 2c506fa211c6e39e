import type { ChainChange } from '../chain/chain.service';
import type { JsonObject } from '../core';
import type { PeerStatusChange } from '../nodes/consensus.service';
import type { AcceptedTransaction } from '../transactions/transactions.service';

export const NODE_EVENT_KINDS = ['block-appended', 'chain-replaced', 'transaction-accepted', 'peer-status'] as const;
export type NodeEventKind = (typeof NODE_EVENT_KINDS)[number];

/** One message of GET /events, before it gets its id: its kind and the data it carries. */
export interface NodeEvent {
  kind: NodeEventKind;
  data: JsonObject;
}

/** What a committed change to the chain tells listeners. */
export function chainEvent(change: ChainChange): NodeEvent {
  if (change.kind === 'appended') {
    const { block, hash, source } = change;
    return {
      kind: 'block-appended',
      data: {
        index: block.index,
        hash,
        previous_hash: block.previous_hash,
        timestamp: block.timestamp,
        transactions: block.transactions.length,
        source,
        // Heights run from 1 without gaps: the appended block's index is the chain's new length.
        length: block.index,
      },
    };
  }
  const { forkHeight, dropped, added, tipHash } = change;
  return {
    kind: 'chain-replaced',
    data: {
      forkHeight,
      dropped: dropped.length,
      added: added.length,
      length: forkHeight + added.length,
      hash: tipHash,
    },
  };
}

/** A committed transaction; its amount keeps the JSON kind it was posted with (`5.0` stays `5.0`). */
export function transactionEvent({ transaction, index }: AcceptedTransaction): NodeEvent {
  const { sender, recipient, amount } = transaction;
  return { kind: 'transaction-accepted', data: { sender, recipient, amount, index } };
}

export function peerStatusEvent({ node, status, previous, length }: PeerStatusChange): NodeEvent {
  return { kind: 'peer-status', data: { node, status, previous, length: length ?? null } };
}
