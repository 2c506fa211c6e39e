import { Injectable, OnModuleInit } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Subject } from 'rxjs';
import {
  Block,
  BlockTexts,
  ChainRules,
  ChainTip,
  createGenesisBlock,
  dumpJson,
  hashBlock,
  JsonValue,
  MAX_FUTURE_DRIFT_MS,
  numberValue,
  parseJson,
  parsePythonNumber,
  RawJson,
  StoredBlocks,
  storedBlocks,
  storedSlice,
} from '../core';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from '../database/database-writer';
import { BlockStore, TipRow } from './block.store';
import { CHAIN_FRAME, ChainFrame, ChainStream } from './chain-stream';
import { readGenesisFile } from './genesis-file';

export interface ChainReplacement {
  dropped: Block[];
  added: BlockTexts;
}

/** Where an appended block came from. */
export type BlockSource = 'genesis' | 'mined' | 'announced';

/** What a committed write did to the chain. */
export type ChainChange =
  | { kind: 'appended'; block: Block; hash: string; source: BlockSource }
  | ({
      kind: 'replaced';
      forkHeight: number;
      tipHash: string;
      /** The write continues an adoption the write before it made: its blocks extend that write's tip. */
      continues: boolean;
    } & ChainReplacement);

export interface HashPage {
  hashes: string[];
  /** The length of the whole chain when the page was read. */
  length: number;
}

export interface BlockPage {
  blocks: RawJson[];
  /** The length of the whole chain when the page was read. */
  length: number;
}

/** Marks where the chain goes in an envelope; the NUL characters cannot appear in JSON text. */
const CHAIN_STAND_IN = new RawJson('\u0000chain\u0000');

// A served chain up to this size stays in memory between requests; a longer one is streamed every time.
const CACHED_CHAIN_BYTES = 8 * 1024 * 1024;

/**
 * Owns the stored chain: reading it, extending it by one block and replacing it. Heights run from 1 without gaps,
 * so the chain's length is its tip's height and every read by height is an index lookup.
 */
@Injectable()
export class ChainService implements OnModuleInit {
  /** Bumped by every committed write to the blocks, so that a cached answer knows it went stale. */
  private version = 0;
  private servedCache: { version: number; text: Buffer } | null = null;
  /** Every change to the chain, once its write has committed: a proof search on the old tip stops, watchers learn. */
  readonly changes = new Subject<ChainChange>();
  /** Tables derived from the blocks (the address index), told of every change inside its write: never out of step. */
  private readonly followers: ((change: ChainChange) => void)[] = [];

  constructor(
    private readonly blocks: BlockStore,
    private readonly writer: DatabaseWriter,
    private readonly config: NodeConfig,
  ) {}

  private pinnedGenesisHash?: string;

  /** Starts the chain with its genesis block; with GENESIS_FILE, checks the stored chain starts with that one. */
  async onModuleInit(): Promise<void> {
    const pinned = this.config.genesisFile
      ? readGenesisFile(this.config.genesisFile, this.config.difficulty)
      : undefined;
    this.pinnedGenesisHash = pinned?.hash;
    // The node holds its database alone: what is read here still holds when the write below runs.
    const genesisHash = this.blocks.hashAt(1);
    if (genesisHash === undefined) {
      const genesis = pinned?.block ?? createGenesisBlock();
      await this.writer.run(() => this.append(genesis, 'genesis', pinned?.hash));
    } else if (pinned && genesisHash !== pinned.hash) {
      throw new Error(
        `${this.config.databasePath} holds a chain from genesis ${genesisHash}, not the GENESIS_FILE block ${pinned.hash}`,
      );
    }
  }

  /** The rules a peer's blocks are checked against, now. */
  rules(): ChainRules {
    return {
      difficulty: this.config.difficulty,
      genesisHash: this.pinnedGenesisHash,
      nowMs: Date.now(),
      maxFutureMs: MAX_FUTURE_DRIFT_MS,
    };
  }

  /** The last block. There is one connection, so inside a write this reads what the write has done so far. */
  tip(): ChainTip {
    return chainTip(this.blocks.tip()!);
  }

  /** The block at `height` as its successor's checks need it (the chain's tip, had it ended there). */
  tipAt(height: number): ChainTip | undefined {
    const row = this.blocks.tipAt(height);
    return row && chainTip(row);
  }

  /** When the last block was made, in Unix seconds (its `timestamp`). */
  tipTimestamp(): number {
    const tip = parseJson(this.blocks.bodyAt(this.length())!) as Block;
    return numberValue(tip.timestamp);
  }

  /** Heights run from 1 without gaps: the chain's length is its tip's height. */
  length(): number {
    return this.blocks.tip()?.height ?? 0;
  }

  /** GET /chain's answer, byte for byte: from memory while the chain is small, else streamed page by page. */
  servedChain(): Readable {
    const version = this.version;
    if (this.servedCache?.version === version) return Readable.from([this.servedCache.text]);
    return this.streamChain(CHAIN_FRAME, (text) => {
      // Pages were read apart: keep the text only when no write came between them.
      if (this.version === version) this.servedCache = { version, text };
    });
  }

  /**
   * Another answer that holds the whole chain, streamed like GET /chain's: `envelope` builds it around the chain,
   * given a stand-in for the chain's JSON.
   */
  streamChainInside(envelope: (chain: RawJson) => JsonValue): Readable {
    const [before, after] = dumpJson(envelope(CHAIN_STAND_IN)).split(CHAIN_STAND_IN.text);
    return this.streamChain({ open: `${before}[`, close: () => `]${after}` });
  }

  private streamChain(frame: ChainFrame, onComplete: (text: Buffer) => void = () => undefined): Readable {
    return new ChainStream(
      async (afterHeight, limit) => this.blocks.pageAbove(afterHeight, limit),
      CACHED_CHAIN_BYTES,
      onComplete,
      frame,
    );
  }

  blockAt(index: number): RawJson | null {
    return rawJson(this.blocks.bodyAt(index));
  }

  blockWithHash(hash: string): RawJson | null {
    return rawJson(this.blocks.bodyWithHash(hash));
  }

  /** Up to `limit` blocks from height `from`, and the chain's length, read together so that they agree. */
  blocksFrom(from: number, limit: number): BlockPage {
    const bodies = this.blocks.bodiesFrom(from, limit);
    return { blocks: bodies.map((body) => new RawJson(body)), length: this.length() };
  }

  /** Up to `limit` block hashes from height `from`, and the chain's length, read together so that they agree. */
  hashesFrom(from: number, limit: number): HashPage {
    return { hashes: this.blocks.hashesFrom(from, limit), length: this.length() };
  }

  /** Appends one block inside the caller's write; only for a caller that has checked the block extends the tip. */
  append(block: Block, source: BlockSource, hash = hashBlock(block)): void {
    this.insert(storedBlocks([block], [hash]), block.index);
    this.changed({ kind: 'appended', block, hash, source });
  }

  /**
   * Swaps our chain for a longer valid one inside the caller's write (as for `append`): blocks the two chains share
   * stay, the rest are rewritten. `blocks` are the new chain from height `firstHeight`: below it, the caller has
   * checked that the new chain is ours (the first block links to our block at `firstHeight - 1`). `continues`: see
   * the replacement change's. Returns the blocks of ours that were dropped and the blocks that took their place.
   */
  replace(blocks: StoredBlocks, firstHeight = 1, continues = false): ChainReplacement {
    const shared = this.sharedPrefixLength(blocks.hashes, firstHeight);
    const dropped = this.blocks.bodiesAbove(shared).map((body) => parseJson(body) as Block);
    this.blocks.deleteAbove(shared);
    const written = storedSlice(blocks, shared - (firstHeight - 1));
    this.insert(written, shared + 1);
    const added = BlockTexts.parsing(written.bodies);
    const tipHash = blocks.hashes[blocks.hashes.length - 1];
    this.changed({ kind: 'replaced', forkHeight: shared, tipHash, continues, dropped, added });
    return { dropped, added };
  }

  /** Has `follow` called with every change to the chain, inside the write that makes it (so in its transaction). */
  keepInStep(follow: (change: ChainChange) => void): void {
    this.followers.push(follow);
  }

  /** Inside a write: derived tables follow at once; once it commits, cached answers go stale and the change is told. */
  private changed(change: ChainChange): void {
    for (const follow of this.followers) follow(change);
    this.writer.afterCommit(() => {
      this.version++;
      this.changes.next(change);
    });
  }

  /** Writes `blocks` from height `firstHeight` on. */
  private insert({ hashes, bodies, previousHashes, proofs }: StoredBlocks, firstHeight: number): void {
    this.blocks.insert(
      hashes.map((hash, position) => ({
        height: firstHeight + position,
        hash,
        previousHash: previousHashes[position],
        proof: proofs[position],
        body: bodies[position],
      })),
    );
  }

  /**
   * How many blocks, from genesis, our chain shares with a chain whose blocks from `firstHeight` on have these hashes
   * (and whose blocks below are ours). A block's hash covers the hash before it, so the chains agree up to some height
   * and differ above it: a binary search finds that height.
   */
  private sharedPrefixLength(hashes: string[], firstHeight: number): number {
    const matches = (height: number) => this.blocks.hashAt(height) === hashes[height - firstHeight];
    let low = firstHeight - 1;
    let high = Math.min(this.length(), low + hashes.length);
    // Most often the new chain extends ours: one lookup settles that.
    if (high === low || matches(high)) return high;
    while (low + 1 < high) {
      const middle = Math.floor((low + high) / 2);
      if (matches(middle)) low = middle;
      else high = middle;
    }
    return low;
  }
}

function chainTip(row: TipRow): ChainTip {
  return { index: row.height, hash: row.hash, proof: parsePythonNumber(row.proof) };
}

function rawJson(body: string | undefined): RawJson | null {
  return body === undefined ? null : new RawJson(body);
}
