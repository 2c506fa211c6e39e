export interface paths {
  '/chain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole chain, genesis first (streamed: memory stays flat however long it is) */
    get: operations['ChainController_getChain'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/blocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of blocks, in chain order */
    get: operations['ChainController_blocks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/blocks/hashes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The hashes of a page of blocks, in chain order
     * @description What a node of this project asks a peer first when it syncs: with `from` at its own length and `limit=1`, the answer (about 100 bytes) tells whether the peer has anything new, and whether it extends our chain.
     */
    get: operations['ChainController_blockHashes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/blocks/hash/{hash}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The block with this hash */
    get: operations['ChainController_blockWithHash'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/blocks/{index}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The block at this index (genesis is 1) */
    get: operations['ChainController_blockAt'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/addresses/{address}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The transactions of the chain that name an address, newest first, and its totals (an addition)
     * @description An address no transaction names answers 200 with nothing in it: every string may be an address.
     */
    get: operations['AddressesController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/transactions/new': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept a transaction for the next block (committed to disk before the answer) */
    post: operations['TransactionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/transactions/pending': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Transactions waiting for a block, in arrival order */
    get: operations['TransactionsController_pending'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Forge a block with every pending transaction and this node’s reward */
    get: operations['MiningController_mineByGet'];
    put?: never;
    /** Same as GET /mine */
    post: operations['MiningController_mineByPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add peers (all of them, or none when an entry is refused) */
    post: operations['NodesController_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes/{node}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a peer */
    delete: operations['NodesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The registered peers */
    get: operations['NodesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes/announce': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A peer offers a block it mined (an addition to the tutorial API, used between nodes of this project)
     * @description Added when it extends our tip and is valid; known when our chain is as long; otherwise this node resolves. A block added is announced on to every peer but the sender.
     */
    post: operations['NodesController_announce'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes/relay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A peer relays transactions (an addition to the tutorial API, used between nodes of this project)
     * @description Each transaction is stored once per relay id, all in one commit before the answer, and passed on to every peer but the sender. A node without this route is sent each transaction to POST /transactions/new instead.
     */
    post: operations['NodesController_relayTransactions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/nodes/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Consensus: adopt the longest valid chain among the peers */
    get: operations['NodesController_resolve'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Live events: blocks, chain replacements, transactions, peer status (server-sent events) */
    get: operations['EventsController_stream'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (an addition to the tutorial API): chain, peers, mining, sync, requests, process */
    get: operations['MetricsController_metricsText'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Is the node healthy? (added)
     * @description 200 when the database answers, has every migration and takes writes, the disk has at least HEALTH_MIN_FREE_DISK_BYTES free and the event loop is not late past HEALTH_MAX_EVENT_LOOP_DELAY_MS; 503 otherwise, with the same report: what failed is under `error`. `sync` reports the peers as of the last resolve and never fails the check. Cheap enough to poll every second.
     */
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The node at a glance: its chain's length and tip, difficulty, pending transactions, peers (added)
     * @description Read in one synchronous stretch, so the figures agree with each other. What a dashboard shows.
     */
    get: operations['StatusController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    TransactionDto: {
      /**
       * @description Who pays; "0" for a mining reward
       * @example alice
       */
      sender: string;
      /** @example bob */
      recipient: string;
      /**
       * @description A finite number above zero; its JSON kind (5 or 5.0) is kept
       * @example 5
       */
      amount: number;
    };
    BlockDto: {
      /**
       * @description Position in the chain; genesis is 1
       * @example 2
       */
      index: number;
      /**
       * @description Unix time in seconds (a float)
       * @example 1795484561.6487405
       */
      timestamp: number;
      /** @description The transactions, the mining reward last */
      transactions: components['schemas']['TransactionDto'][];
      /**
       * @description Proof of work over the previous proof and hash
       * @example 297012
       */
      proof: number;
      /**
       * @description SHA-256 of the previous block; "1" for genesis
       * @example 5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7
       */
      previous_hash: string;
    } & {
      [key: string]: unknown;
    };
    ChainResponseDto: {
      chain: components['schemas']['BlockDto'][];
      /** @example 1 */
      length: number;
    };
    BlocksPageResponseDto: {
      /** @description Up to `limit` blocks from index `from`, in chain order */
      blocks: components['schemas']['BlockDto'][];
      /** @example 1 */
      from: number;
      /** @example 100 */
      limit: number;
      /**
       * @description Length of the whole chain
       * @example 22
       */
      length: number;
    };
    FieldErrorDto: {
      /**
       * @description The field, e.g. `amount`, `nodes[1]` for a list entry
       * @example amount
       */
      field: string;
      /**
       * @description The rule it broke: `required` (missing), a type rule (`isString`, `isNumber`, `isInt`, `isArray`), then `isNotEmpty`, `isWellFormedUnicode`, `matches`, `maxLength`, `arrayMaxSize`, `min`, `max`, `isPositive`, `peerAddress`
       * @example isPositive
       */
      rule: string;
      /** @example amount must be above zero */
      message: string;
    };
    ErrorResponseDto: {
      /** @example 400 */
      statusCode: number;
      /**
       * @description What was wrong, in one sentence. The tutorial's own words where it has some ("Missing values" for a transaction lacking a field); otherwise, for bad fields, their messages joined with "; "
       * @example amount must be above zero
       */
      message: string;
      /**
       * @description The HTTP reason phrase
       * @example Bad Request
       */
      error: string;
      /** @description On a 400 for bad fields: each bad field, in the order the request declares them, with the first rule it broke in the order a person fixes them (present, of the right type, not empty, within its limits) */
      errors?: components['schemas']['FieldErrorDto'][];
    };
    BlockHashesResponseDto: {
      /**
       * @description The hashes of up to `limit` blocks from index `from`, in chain order (SHA-256, 64 lower-case hex digits)
       * @example [
       *       "5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7"
       *     ]
       */
      hashes: string[];
      /** @example 1 */
      from: number;
      /** @example 100 */
      limit: number;
      /**
       * @description Length of the whole chain
       * @example 22
       */
      length: number;
    };
    AddressTransactionDto: {
      /**
       * @description Who pays; "0" for a mining reward
       * @example alice
       */
      sender: string;
      /** @example bob */
      recipient: string;
      /**
       * @description A finite number above zero; its JSON kind (5 or 5.0) is kept
       * @example 5
       */
      amount: number;
      /**
       * @description The index of the block that holds it
       * @example 2
       */
      index: number;
      /**
       * @description Its place among the block's transactions, from 0
       * @example 0
       */
      position: number;
    };
    AddressResponseDto: {
      /** @example alice */
      address: string;
      /**
       * @description Sum of the amounts it received (for "0": nothing)
       * @example 12.5
       */
      received: number;
      /**
       * @description Sum of the amounts it sent (for "0": every coin minted)
       * @example 3
       */
      sent: number;
      /**
       * @description received − sent
       * @example 9.5
       */
      balance: number;
      /**
       * @description How many transactions of the chain name it
       * @example 4
       */
      length: number;
      /** @example 0 */
      offset: number;
      /** @example 50 */
      limit: number;
      /** @description Up to `limit` of them, newest first, after `offset` */
      transactions: components['schemas']['AddressTransactionDto'][];
      /**
       * @description The chain's blocks the answer covers, from 1: the chain's length, except while the address index catches up after a long sync (or at the first start on a database from before the index)
       * @example 4
       */
      height: number;
    };
    CreateTransactionDto: {
      /** @example alice */
      sender: string;
      /** @example bob */
      recipient: string;
      /** @example 5 */
      amount: number;
    };
    MessageResponseDto: {
      /** @example Transaction will be added to Block 2 */
      message: string;
    };
    PendingTransactionsResponseDto: {
      /** @description In arrival order: the order the next block takes them in */
      transactions: components['schemas']['TransactionDto'][];
      /** @example 1 */
      length: number;
    };
    MineResponseDto: {
      /** @example New Block Forged */
      message: string;
      /** @example 2 */
      index: number;
      /** @description The pending transactions in arrival order, then the reward */
      transactions: components['schemas']['TransactionDto'][];
      /** @example 38478 */
      proof: number;
      /** @example 1cc7ba8dc68dd1beaec179ab7bd3895fd6e30f34f24c98df625f0c47d0a6efec */
      previous_hash: string;
    };
    RegisterNodesDto: {
      /**
       * @description Peers as http://host:port, https://host:port or host:port; at most MAX_PEERS of them
       * @example [
       *       "http://127.0.0.1:5001",
       *       "127.0.0.1:5002"
       *     ]
       */
      nodes: string[];
    };
    RegisterNodesResponseDto: {
      /** @example New nodes have been added */
      message: string;
      /**
       * @example [
       *       "127.0.0.1:5001",
       *       "127.0.0.1:5002"
       *     ]
       */
      total_nodes: string[];
    };
    NodesResponseDto: {
      /**
       * @example [
       *       "127.0.0.1:5001"
       *     ]
       */
      nodes: string[];
      /** @example 1 */
      length: number;
    };
    AnnounceBlockDto: {
      /** @description The block, exactly as its miner serves it */
      block: components['schemas']['BlockDto'];
      /**
       * @description The announcing node's id (1 to 64 letters, digits or hyphens): it is not sent the block back
       * @example 0f8d3c5b6a7e4d2c9b1a0f8e7d6c5b4a
       */
      node?: string;
    };
    AnnounceResponseDto: {
      /** @enum {string} */
      message: 'Block added' | 'Block already known' | 'Resolving against peers';
      /**
       * @description The id of the node that answers
       * @example 9a8b7c6d5e4f30211a2b3c4d5e6f7a8b
       */
      node: string;
    };
    RelayedTransactionDto: {
      /**
       * @description The id the first node gave the transaction; each node takes an id once
       * @example 4f1c2e7a-9b3d-4c5e-8f6a-0b1c2d3e4f5a
       */
      relay_id: string;
      transaction: components['schemas']['CreateTransactionDto'];
    };
    RelayTransactionsDto: {
      /**
       * @description The relaying node's id: it is not sent these transactions back
       * @example 0f8d3c5b6a7e4d2c9b1a0f8e7d6c5b4a
       */
      node?: string;
      transactions: components['schemas']['RelayedTransactionDto'][];
    };
    RelayResponseDto: {
      /** @example Transactions will be added to Block 12 */
      message: string;
      /**
       * @description The id of the node that answers
       * @example 9a8b7c6d5e4f30211a2b3c4d5e6f7a8b
       */
      node: string;
    };
    PeerReportDto: {
      /** @example 127.0.0.1:5001 */
      node: string;
      /** @enum {string} */
      status: 'ok' | 'invalid' | 'unreachable' | 'timeout' | 'too-large' | 'bad-response';
      /**
       * @description Length of the chain the peer served
       * @example 3
       */
      length?: number;
    };
    ResolveResponseDto: {
      /** @enum {string} */
      message: 'Our chain was replaced' | 'Our chain is authoritative';
      /** @description Present when our chain was replaced */
      new_chain?: components['schemas']['BlockDto'][];
      /** @description Present when our chain stayed */
      chain?: components['schemas']['BlockDto'][];
      /** @description What each peer answered (an addition to the tutorial API) */
      peers: components['schemas']['PeerReportDto'][];
    };
    PeerStateDto: {
      /** @example 127.0.0.1:5001 */
      node: string;
      /**
       * @description What the peer answered at the last resolve; null while no resolve has asked it
       * @enum {string|null}
       */
      status: 'ok' | 'invalid' | 'unreachable' | 'timeout' | 'too-large' | 'bad-response' | null;
      /**
       * @description Length of the chain it served then; null when it served none
       * @example 3
       */
      length: number | null;
    };
    StatusResponseDto: {
      /**
       * @description Blocks in the chain, genesis included: the tip's index
       * @example 22
       */
      length: number;
      /**
       * @description SHA-256 of the tip block
       * @example 0000c5d7a1f3b0e6d2c9a84f1e7b3d5c6a2f9e8d7c6b5a4f3e2d1c0b9a8f7e6d
       */
      hash: string;
      /**
       * @description Leading hex zeros a proof's hash needs (DIFFICULTY)
       * @example 4
       */
      difficulty: number;
      /**
       * @description Transactions waiting for a block
       * @example 3
       */
      pending: number;
      /** @description Every registered peer, in the order of GET /nodes, with what it answered at the last resolve (background sync, announced blocks, GET /nodes/resolve) */
      peers: components['schemas']['PeerStateDto'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  ChainController_getChain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChainResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ChainController_blocks: {
    parameters: {
      query?: {
        /** @description Index of the first block */
        from?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlocksPageResponseDto'];
        };
      };
      /** @description `from` or `limit` is not a whole number in range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ChainController_blockHashes: {
    parameters: {
      query?: {
        /** @description Index of the first block */
        from?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockHashesResponseDto'];
        };
      };
      /** @description `from` or `limit` is not a whole number in range */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ChainController_blockWithHash: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description SHA-256 of the block, as 64 hex digits */
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockDto'];
        };
      };
      /** @description Not 64 hex digits */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description No block of the chain has this hash */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ChainController_blockAt: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        index: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockDto'];
        };
      };
      /** @description Not an integer */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The chain has no block at this index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AddressesController_history: {
    parameters: {
      query?: {
        /** @description How many of the newest transactions to skip */
        offset?: number;
        limit?: number;
      };
      header?: never;
      path: {
        /** @description A sender or recipient, percent-encoded; "0" is the sender of mining rewards */
        address: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AddressResponseDto'];
        };
      };
      /** @description `offset` or `limit` out of range, or an address too long */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TransactionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTransactionDto'];
      };
    };
    responses: {
      /** @description Stored on disk; the message names the next block */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessageResponseDto'];
        };
      };
      /** @description Missing or invalid fields (a lone surrogate in a name included), malformed JSON, or JSON nested too deep */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The body is larger than MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A body that is not UTF-8 */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database write failed (a full disk, a held lock): nothing was stored. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TransactionsController_pending: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PendingTransactionsResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  MiningController_mineByGet: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MineResponseDto'];
        };
      };
      /** @description API_TOKEN is set and the bearer token is missing or wrong */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  MiningController_mineByPost: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MineResponseDto'];
        };
      };
      /** @description API_TOKEN is set and the bearer token is missing or wrong */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterNodesDto'];
      };
    };
    responses: {
      /** @description Every entry stored (known peers once) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisterNodesResponseDto'];
        };
      };
      /** @description No list of nodes, or an entry that is not a peer address */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description API_TOKEN is set and the bearer token is missing or wrong */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The body is larger than MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A body that is not UTF-8 */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The peer as registered (URL-encoded) */
        node: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisterNodesResponseDto'];
        };
      };
      /** @description Not a peer address */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description API_TOKEN is set and the bearer token is missing or wrong */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description No such peer */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NodesResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_announce: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AnnounceBlockDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnounceResponseDto'];
        };
      };
      /** @description Not a block, or an invalid one */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The body is larger than MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A body that is not UTF-8 */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_relayTransactions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RelayTransactionsDto'];
      };
    };
    responses: {
      /** @description Stored on disk (or known already); the answer names us */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RelayResponseDto'];
        };
      };
      /** @description Not a batch of valid relayed transactions */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The body is larger than MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A body that is not UTF-8 */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database write failed (a full disk, a held lock): nothing was stored. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  NodesController_resolve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResolveResponseDto'];
        };
      };
      /** @description API_TOKEN is set and the bearer token is missing or wrong */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  EventsController_stream: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Server-sent events, written as they happen, each once its change is committed. A message is `event: <kind>`, `id: <n>` (increasing for as long as the node process runs) and `data: <one line of JSON>`, then a blank line. The kinds (the JSON schema of each one's data is under `x-event-data`, by kind): `block-appended` {index, hash, previous_hash, timestamp, transactions (a count), source (mined, announced or genesis), length}: a block mined here, announced by a peer, or the genesis block; `chain-replaced` {forkHeight (the index of the last block kept), dropped, added, length, hash (the new last block's)}: a longer chain from a peer took the place of ours; `transaction-accepted` {sender, recipient, amount (as posted, 5 or 5.0), index (of the block it will be added to)}: a transaction posted here or relayed by a peer; `peer-status` {node, status, previous (null for a new peer), length (of the chain it served, or null)}: a resolve found a peer answering otherwise than at the resolve before. A comment line `: heartbeat` comes every EVENTS_HEARTBEAT_MS. A listener that stops reading is disconnected once some 64 KiB of events wait for it; the stream ends when the node stops. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description EVENTS_MAX_LISTENERS listeners are connected already: retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  MetricsController_metricsText: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus' text exposition format, version 0.0.4 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @example ok */
            status?: string;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example {} */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @example error */
            status?: string;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
    };
  };
  StatusController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatusResponseDto'];
        };
      };
      /** @description Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
}
