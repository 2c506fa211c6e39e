import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import {
  Block,
  blockWireText,
  hashBlock,
  pythonNumberText,
  rewardTransaction,
  searchProof,
  sha256Hex,
} from '../../src/core';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** The node that mined every block of a big database: its address names one transaction a block. */
export const BIG_DATABASE_MINER = sha256Hex('big-database-miner').slice(0, 32);

/**
 * A node database holding `chain`, written straight into SQLite: the schema from the node's own migrations, then
 * the blocks as the node stores them. Nothing is checked: the chain is the caller's.
 */
export async function writeChainDatabase(path: string, chain: Iterable<Block>): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(path));
  await dataSource.initialize();
  await dataSource.destroy();
  const database = new Database(path);
  const insert = database.prepare(
    'INSERT INTO blocks (height, hash, previous_hash, proof, body) VALUES (?, ?, ?, ?, ?)',
  );
  database.transaction(() => {
    for (const block of chain) {
      insert.run(
        block.index,
        hashBlock(block),
        block.previous_hash,
        pythonNumberText(block.proof),
        blockWireText(block),
      );
    }
  })();
  database.close();
}

/**
 * A node database holding a chain of `blocks` blocks that link by hash (as GET /chain checks between pages) with
 * realistic bodies. Without `difficulty` their proofs are not searched for, so no peer would accept the chain: it is
 * for reads and restarts only. With it, every proof is valid at that difficulty (1 costs some 16 hashes a block): a
 * chain to sync from.
 */
export function buildBigDatabase(path: string, blocks: number, difficulty?: number): Promise<void> {
  return writeChainDatabase(path, bigChain(blocks, difficulty));
}

function* bigChain(blocks: number, difficulty: number | undefined): Generator<Block> {
  let previousHash = '1';
  let previousProof = 100;
  for (let index = 1; index <= blocks; index++) {
    const block: Block = {
      index,
      timestamp: 1_700_000_000.5 + index * 10,
      transactions:
        index === 1
          ? []
          : [
              ...Array.from({ length: 5 }, (_, position) => ({
                sender: sha256Hex(`s${index}-${position}`).slice(0, 32),
                recipient: sha256Hex(`r${index}-${position}`).slice(0, 32),
                amount: position + 1,
              })),
              rewardTransaction(BIG_DATABASE_MINER),
            ],
      proof:
        index === 1
          ? 100
          : difficulty === undefined
            ? index * 7919
            : searchProof(previousProof, previousHash, difficulty, 0, Number.MAX_SAFE_INTEGER)!,
      previous_hash: previousHash,
    };
    yield block;
    previousHash = hashBlock(block);
    previousProof = block.proof as number;
  }
}
