import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, spawnNode } from '../test/support/nodes';
import { CompiledNode, withCompiledNode } from './support/build';
import { freePort, removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, percentile, printRow } from './support/report';

const RUNS = 30;
const NPX_RUNS = 10;
const COMMAND = 'npm run bench -- cli';
const BIN = join(ROOT, 'bin', 'blockchain.js');
const run = promisify(execFile);

/** Wall times, sorted, of `runs` runs of a command, each from spawning its process to its exit (code 0). */
async function wallTimes(
  runs: number,
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run(program, args, { cwd: ROOT, env: { ...process.env, ...env } });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const summary = (times: number[]) =>
  `p50 ${formatMs(percentile(times, 0.5))}, p99 ${formatMs(percentile(times, 0.99))}`;

/**
 * The command line's wall time, start-up included: `blockchain status` against a local compiled node (three
 * requests), `blockchain --help` (start-up alone), and `npx blockchain status` (npm's own start and lookup added);
 * beside them, how long Node.js takes to start and exit with nothing to do, on the same machine at the same time.
 */
async function cli({ script, env }: CompiledNode): Promise<void> {
  note('building the command line as npm install does');
  await run(process.execPath, ['scripts/build-cli.js'], { cwd: ROOT });
  const directory = temporaryDirectory();
  const node = await spawnNode(
    { ...env, DATABASE_PATH: join(directory, 'node.sqlite') },
    { script, port: await freePort() },
  );
  try {
    // What the machine gives any Node program, measured alongside: the figures below are that plus the CLI's own.
    const bare = await wallTimes(RUNS, process.execPath, ['-e', '0']);
    note(`node -e 0: ${summary(bare)}`);
    const status = await wallTimes(RUNS, process.execPath, [BIN, 'status', '--node', node.url]);
    note(`blockchain status: ${summary(status)}`);
    const help = await wallTimes(RUNS, process.execPath, [BIN, '--help']);
    note(`blockchain --help: ${summary(help)}`);
    // npm's cache in the temporary folder: the first run links the checkout into it, as a user's first run does.
    const npmCache = { npm_config_cache: join(directory, 'npm-cache') };
    await wallTimes(1, 'npx', ['blockchain', 'status', '--node', node.url], npmCache);
    const npx = await wallTimes(NPX_RUNS, 'npx', ['blockchain', 'status', '--node', node.url], npmCache);
    note(`npx blockchain status: ${summary(npx)}`);
    printRow({
      figure: `the CLI answers \`status\` against a local node: wall time, start-up included (${RUNS} runs of the bin npx runs)`,
      target: '≤ 300 ms',
      measured: summary(status),
      reference: `Node.js itself (\`node -e 0\`), same run: ${summary(bare)}`,
      command: COMMAND,
    });
    printRow({
      figure: `the CLI's start-up alone (\`blockchain --help\`, ${RUNS} runs)`,
      target: 'reported',
      measured: summary(help),
      reference: '',
      command: COMMAND,
    });
    printRow({
      figure: `\`npx blockchain status\`: the same through npx, npm's own start included (${NPX_RUNS} runs)`,
      target: 'reported',
      measured: summary(npx),
      reference: '',
      command: COMMAND,
    });
  } finally {
    await stop(node);
    removeDirectory(directory);
  }
}

void withCompiledNode(cli);
