import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../test/support/nodes';
import { removeDirectory, temporaryDirectory } from './processes';
import { note } from './report';

const EXPLORER_ASSETS = 'src/explorer/assets';

export interface CompiledNode {
  /** What node runs: the compiled main.js. */
  script: string[];
  /** Lets the compiled files find the project's node_modules from the folder they were compiled to. */
  env: Record<string, string>;
}

/**
 * Compiles the node as `npm run build` does, into a temporary folder, so that timings leave out ts-node; the
 * explorer's files are copied as nest-cli.json's assets are.
 */
export function compileNode(): string {
  const outDirectory = temporaryDirectory();
  note('compiling the node');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDirectory], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  cpSync(join(ROOT, EXPLORER_ASSETS), join(outDirectory, EXPLORER_ASSETS), { recursive: true });
  return outDirectory;
}

/**
 * Runs `use` with the compiled node: the build `npm run bench` made once and passed on in BENCH_BUILD_DIR, or one
 * of its own (removed afterwards) when the script runs alone.
 */
export async function withCompiledNode<T>(use: (node: CompiledNode) => Promise<T>): Promise<T> {
  const given = process.env.BENCH_BUILD_DIR;
  const outDirectory = given && existsSync(join(given, 'src/main.js')) ? given : compileNode();
  try {
    return await use({ script: [join(outDirectory, 'src/main.js')], env: { NODE_PATH: join(ROOT, 'node_modules') } });
  } finally {
    if (outDirectory !== given) removeDirectory(outDirectory);
  }
}
