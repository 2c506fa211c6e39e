import { join } from 'node:path';
import { NodeProcess, spawnNode } from '../../test/support/nodes';
import { buildBigDatabase } from './big-database';
import { CompiledNode, withCompiledNode } from './build';
import { setTimeout as sleep } from 'node:timers/promises';
import { boundedFetch, removeDirectory, stop, temporaryDirectory } from './processes';
import { note } from './report';

/** Resolves once `node`'s address index covers its `blocks` blocks. */
export async function addressIndexCaughtUp(node: string, blocks: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await boundedFetch(`${node}/addresses/0?limit=1`);
    if (!answer.ok) throw new Error(`GET /addresses/0: ${answer.status} ${await answer.text()}`);
    if (((await answer.json()) as { height: number }).height >= blocks) return;
    if (Date.now() > deadline) throw new Error(`the address index did not catch up within ${timeoutMs} ms`);
    await sleep(100);
  }
}

export interface BigNode {
  node: NodeProcess;
  databasePath: string;
  compiled: CompiledNode;
}

/**
 * Runs `use` with the compiled node serving a database of `blocks` blocks written for the benchmark (no rate limit,
 * no background sync), then stops the node and removes the database. With `difficulty`, the node runs at it and
 * its chain is valid there (see `buildBigDatabase`): other nodes can sync from it.
 */
export function withBigNode<T>(blocks: number, use: (big: BigNode) => Promise<T>, difficulty?: number): Promise<T> {
  return withCompiledNode(async (compiled) => {
    const directory = temporaryDirectory();
    const databasePath = join(directory, 'node.sqlite');
    try {
      note(`writing a ${blocks.toLocaleString('en-US')}-block database`);
      await buildBigDatabase(databasePath, blocks, difficulty);
      const node = await spawnNode(
        {
          ...compiled.env,
          DATABASE_PATH: databasePath,
          RATE_LIMIT: '0',
          SYNC_INTERVAL_MS: '0',
          ...(difficulty === undefined ? {} : { DIFFICULTY: String(difficulty) }),
        },
        { script: compiled.script, readyPath: '/blocks/1' },
      );
      try {
        // Written without the node, the database has no address index yet: the first start builds it, in the
        // background, which must not run under the figures.
        await addressIndexCaughtUp(node.url, blocks);
        return await use({ node, databasePath, compiled });
      } finally {
        await stop(node);
      }
    } finally {
      removeDirectory(directory);
    }
  });
}
