import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PEER_STATUSES } from '../nodes/consensus.service';
import type { NodeEventKind } from './node-events';

const integer = (description: string): SchemaObject => ({ type: 'integer', description });
const hash = (description: string): SchemaObject => ({ type: 'string', pattern: '^[0-9a-f]{64}$', description });

/** Every field present, no other: what the e2e suite checks each event's data against. */
function exactly(properties: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', required: Object.keys(properties), properties, additionalProperties: false };
}

/**
 * The JSON schema of each event kind's data, published in the OpenAPI document beside the stream (OpenAPI 3.0
 * cannot describe the messages of a stream itself).
 */
export const EVENT_DATA_SCHEMAS: Record<NodeEventKind, SchemaObject> = {
  'block-appended': exactly({
    index: integer("The block's index"),
    hash: hash("The block's hash"),
    previous_hash: { type: 'string', description: 'The hash of the block before it ("1" for a genesis block)' },
    timestamp: { type: 'number', description: "The block's timestamp, Unix time in seconds" },
    transactions: integer('How many transactions the block holds, the mining reward included'),
    source: {
      type: 'string',
      enum: ['mined', 'announced', 'genesis'],
      description: "Mined by this node, announced by a peer, or the chain's first block",
    },
    length: integer("The chain's length with the block"),
  }),
  'chain-replaced': exactly({
    forkHeight: integer('The index of the last block kept (0: the genesis block changed too)'),
    dropped: integer('Blocks of ours dropped'),
    added: integer('Blocks of the new chain written after the last block kept'),
    length: integer("The new chain's length"),
    hash: hash("The hash of the new chain's last block"),
  }),
  'transaction-accepted': exactly({
    sender: { type: 'string' },
    recipient: { type: 'string' },
    amount: { type: 'number', description: 'The JSON number as it was posted, its kind (5 or 5.0) kept' },
    index: integer('The index of the block it will be added to'),
  }),
  'peer-status': exactly({
    node: { type: 'string', description: 'The peer, as GET /nodes lists it' },
    status: { type: 'string', enum: [...PEER_STATUSES], description: 'What it answered to the last resolve' },
    previous: {
      type: 'string',
      enum: [...PEER_STATUSES, null],
      nullable: true,
      description: 'What it answered to the resolve before; null for a peer that resolve did not ask',
    },
    length: { type: 'integer', nullable: true, description: 'The length of the chain it served; null if none' },
  }),
};
