import { Injectable } from '@nestjs/common';
import { RELAY_ID_PATTERN } from '../transactions/relay-header';

/** A node's id as nodes tell it each other: the reference's form (32 hex digits) or anything like it. */
export const NODE_ID_PATTERN = RELAY_ID_PATTERN;

/** Far more than any node has peers: the ids of peers removed long ago make room for new ones. */
const REMEMBERED_PEERS = 1000;

/**
 * Each peer's node id, as its answers to our posts give it (`{"node": ...}`), so that a block or a transaction is
 * not sent back to the node it came from. Only a peer's own answer tells its id; a request merely names its sender,
 * and is matched against these.
 */
@Injectable()
export class PeerIds {
  private readonly ids = new Map<string, string>();

  /** Learns `node`'s id from its answer, when the answer gives one. */
  learn(node: string, answerBody: string): void {
    let id: unknown;
    try {
      ({ node: id } = JSON.parse(answerBody) as { node?: unknown });
    } catch {
      return; // An answer without an id teaches nothing: the peer is sent everything.
    }
    if (typeof id !== 'string' || !NODE_ID_PATTERN.test(id)) return;
    this.ids.delete(node);
    if (this.ids.size >= REMEMBERED_PEERS) this.ids.delete(this.ids.keys().next().value!);
    this.ids.set(node, id);
  }

  /** Whether `node` is the node that `id` names, as far as its answers tell. */
  is(node: string, id: string | undefined): boolean {
    return id !== undefined && this.ids.get(node) === id;
  }
}
