import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import {
  Block,
  blockWireText,
  createGenesisBlock,
  dumpJson,
  hashBlock,
  JsonNumber,
  parseJson,
  parsePythonNumber,
  pythonNumberText,
  RawJson,
} from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { BlockEntity } from './block.entity';

/** What the next block builds on. */
export interface ChainTip {
  index: number;
  hash: string;
  proof: JsonNumber;
}

export interface ChainReplacement {
  dropped: Block[];
  added: Block[];
}

/** Owns the stored chain: reading it, extending it by one block and replacing it. */
@Injectable()
export class ChainService implements OnModuleInit {
  constructor(
    @InjectRepository(BlockEntity) private readonly blocks: Repository<BlockEntity>,
    private readonly writer: DatabaseWriter,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.writer.run(async (manager) => {
      if ((await manager.count(BlockEntity)) === 0) await this.append(manager, createGenesisBlock());
    });
  }

  /** The last block; pass the writer's manager to read it inside a write. */
  async tip(manager: EntityManager = this.blocks.manager): Promise<ChainTip> {
    const [last] = await manager.query<Pick<BlockEntity, 'height' | 'hash' | 'proof'>[]>(
      'SELECT height, hash, proof FROM blocks ORDER BY height DESC LIMIT 1',
    );
    return { index: last.height, hash: last.hash, proof: parsePythonNumber(last.proof) };
  }

  /** Every block as stored, ready to splice into a response without re-serializing. */
  async wireBlocks(): Promise<RawJson[]> {
    const rows = await this.blocks.find({ select: { body: true }, order: { height: 'ASC' } });
    return rows.map((row) => new RawJson(row.body));
  }

  async allBlocks(): Promise<Block[]> {
    const rows = await this.blocks.find({ select: { body: true }, order: { height: 'ASC' } });
    return rows.map((row) => parseJson(row.body) as Block);
  }

  async length(manager: EntityManager = this.blocks.manager): Promise<number> {
    return manager.count(BlockEntity);
  }

  /** Appends one block; only for a caller inside the writer that has checked the block extends the tip. */
  async append(manager: EntityManager, block: Block, hash = hashBlock(block)): Promise<void> {
    await manager.insert(BlockEntity, toEntity(block, hash));
  }

  /**
   * Swaps our chain for a longer valid one inside the caller's write: blocks the two chains share stay, the rest
   * are rewritten. Returns the blocks of ours that were dropped and the blocks that took their place.
   */
  async replace(manager: EntityManager, blocks: Block[], hashes: string[]): Promise<ChainReplacement> {
    const ours = await manager.find(BlockEntity, { select: { height: true, hash: true }, order: { height: 'ASC' } });
    let shared = 0;
    while (shared < ours.length && shared < hashes.length && ours[shared].hash === hashes[shared]) shared++;
    const dropped = await manager.find(BlockEntity, { where: { height: MoreThan(shared) }, order: { height: 'ASC' } });
    await manager.delete(BlockEntity, { height: MoreThan(shared) });
    const added = blocks.slice(shared).map((block, offset) => toEntity(block, hashes[shared + offset]));
    for (let start = 0; start < added.length; start += INSERT_BATCH) {
      await manager.insert(BlockEntity, added.slice(start, start + INSERT_BATCH));
    }
    return { dropped: dropped.map((row) => parseJson(row.body) as Block), added: blocks.slice(shared) };
  }
}

// SQLite caps bound parameters per statement (32766); five columns a row.
const INSERT_BATCH = 5000;

function toEntity(block: Block, hash: string): BlockEntity {
  return {
    height: block.index,
    hash,
    // Only a peer's genesis may link to a non-string (old reference nodes used the integer 1).
    previousHash: typeof block.previous_hash === 'string' ? block.previous_hash : dumpJson(block.previous_hash),
    proof: pythonNumberText(block.proof),
    body: blockWireText(block),
  };
}
