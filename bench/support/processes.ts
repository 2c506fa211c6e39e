import { join } from 'node:path';
import { NodeProcess, ROOT, spawnNode, SpawnOptions, stopProcess } from '../../test/support/nodes';

export { freePort, removeDirectory, temporaryDirectory } from '../../test/support/nodes';
export type { NodeProcess };

/** The node and the benchmark's no-op route, in a process of its own so that the load generator has the other core. */
export function spawnBenchApp(
  databasePath: string,
  options: SpawnOptions = {},
  env: Record<string, string> = {},
): Promise<NodeProcess> {
  return spawnNode(
    // One load generator is one client: the per-client rate limit would measure itself.
    { DATABASE_PATH: databasePath, RATE_LIMIT: '0', ...env },
    { script: ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/support/bench-app.ts')], ...options },
  );
}

/** Stops the node as an operator would, or kills it when it has not stopped within ten seconds. */
export async function stop(node: NodeProcess): Promise<void> {
  const kill = setTimeout(() => node.child.kill('SIGKILL'), 10_000);
  try {
    await stopProcess(node, 'SIGTERM');
  } finally {
    clearTimeout(kill);
  }
}

// Reading a 200 MB chain takes seconds; nothing a benchmark asks should take a minute.
const REQUEST_TIMEOUT_MS = 60_000;

/** fetch, given up after a minute, so that no benchmark waits forever on a stuck node. */
export function boundedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}
