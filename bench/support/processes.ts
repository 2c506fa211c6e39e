import { join } from 'node:path';
import { NodeProcess, ROOT, spawnNode, SpawnOptions, stopProcess } from '../../test/support/nodes';

export { freePort, removeDirectory, temporaryDirectory } from '../../test/support/nodes';
export type { NodeProcess };

/** The node and the benchmark's no-op route, in a process of its own so that the load generator has the other core. */
export function spawnBenchApp(databasePath: string, options: SpawnOptions = {}): Promise<NodeProcess> {
  return spawnNode(
    { DATABASE_PATH: databasePath },
    { script: ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/support/bench-app.ts')], ...options },
  );
}

export async function stop(node: NodeProcess): Promise<void> {
  await stopProcess(node, 'SIGTERM');
}
