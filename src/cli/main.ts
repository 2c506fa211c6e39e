import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { GlobalOptions } from './session';

// Only commander and this file load for every command; each command's code, and the client, load when it runs.

const DEFAULT_NODE = 'http://localhost:5000';

/** What a command's code returns: its exit code, 0 unless it says otherwise. */
type Outcome = Promise<number | void>;

const EXAMPLES = `
Examples:
  $ npx blockchain status
  $ npx blockchain send alice bob 5.0
  $ API_TOKEN=secret npx blockchain mine
  $ npx blockchain --node http://10.0.0.2:5000 peers add 10.0.0.3:5000
  $ npx blockchain chain --json | jq '.length'
  $ npx blockchain watch

Exit status: 0 on success; 1 for an error answer, an unhealthy node (status) or one out of reach; 2 for a usage error.`;

function nodeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected a URL such as http://localhost:5000.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected http or https.');
  return value.replace(/\/+$/, '');
}

function wholeNumber(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** A block index (digits) or hash (64 hex digits), as given. */
function blockId(value: string): string {
  if (!/^\d{1,15}$/.test(value) && !/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError('expected a block index (1, 2, ...) or a block hash (64 hex digits).');
  }
  return value;
}

// JSON's number grammar: the amount is posted exactly as typed, so `5.0` stays a float, as the node keeps it.
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function amountLiteral(value: string): string {
  if (!JSON_NUMBER.test(value)) throw new InvalidArgumentError('expected a JSON number such as 5, 5.0 or 0.25.');
  return value;
}

/** The command line's commands; `finish` receives the exit code of the one that ran. */
function commandLine(finish: (code: number) => void): Command {
  const program = new Command('blockchain')
    .description('Read and drive a blockchain node: its chain, transactions, mining, peers and live events.')
    .addOption(
      new Option('--node <url>', "the node's URL").env('BLOCKCHAIN_NODE').default(DEFAULT_NODE).argParser(nodeUrl),
    )
    .addOption(new Option('--token <token>', "the node's API_TOKEN (mine, peers add|remove, resolve)").env('API_TOKEN'))
    .option('--json', "print JSON for scripts: the node's answers as it wrote them")
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText('after', EXAMPLES);

  /** A command's action: its code gets the global options, then its arguments and its own options. */
  const action =
    (run: (options: GlobalOptions, ...args: never[]) => Outcome) =>
    async (...args: unknown[]): Promise<void> => {
      const options = (args[args.length - 1] as Command).optsWithGlobals<GlobalOptions>();
      try {
        finish((await run(options, ...(args.slice(0, -1) as never[]))) ?? 0);
      } catch (error) {
        finish((await import('./session')).reportFailure(error, options));
      }
    };

  program
    .command('status')
    .description("the node's health, chain, pending transactions and peers at a glance")
    .action(action(async (options) => (await import('./commands/status')).status(options)));

  program
    .command('chain')
    .description('every block, genesis first')
    .action(action(async (options) => (await import('./commands/blocks')).chain(options)));

  program
    .command('block')
    .description('one block, by index or by hash')
    .argument('<index|hash>', 'a block index (1 is genesis) or a block hash', blockId)
    .action(action(async (options, id: string) => (await import('./commands/blocks')).block(options, id)));

  program
    .command('send')
    .description('send a transaction: it goes into the next block mined')
    .argument('<sender>', 'who pays')
    .argument('<recipient>', 'who is paid')
    .argument('<amount>', 'a number above zero, posted as typed: 5.0 stays a float', amountLiteral)
    .action(
      action(async (options, sender: string, recipient: string, amount: string) =>
        (await import('./commands/transactions')).send(options, sender, recipient, amount),
      ),
    );

  program
    .command('pending')
    .description('the transactions waiting for the next block, in arrival order')
    .action(action(async (options) => (await import('./commands/transactions')).pending(options)));

  program
    .command('mine')
    .description('mine a block of the pending transactions (needs --token when the node has an API_TOKEN)')
    .action(action(async (options) => (await import('./commands/mining')).mine(options)));

  const peers = program.command('peers').description("the node's peers: list (the default), add, remove");
  peers
    .command('list', { isDefault: true })
    .description('the peers, as the node stores them')
    .action(action(async (options) => (await import('./commands/peers')).list(options)));
  peers
    .command('add')
    .description('register peers (needs --token when the node has an API_TOKEN)')
    .argument('<node...>', 'http://host:port, https://host:port or host:port')
    .action(action(async (options, nodes: string[]) => (await import('./commands/peers')).add(options, nodes)));
  peers
    .command('remove')
    .description('forget a peer (needs --token when the node has an API_TOKEN)')
    .argument('<node>', 'the peer, in any spelling the node accepts')
    .action(action(async (options, node: string) => (await import('./commands/peers')).remove(options, node)));

  program
    .command('resolve')
    .description("consensus: adopt the longest valid chain among the peers' (needs --token with an API_TOKEN)")
    .action(action(async (options) => (await import('./commands/peers')).resolve(options)));

  program
    .command('address')
    .description("an address's balance and its transactions, newest first")
    .argument('<address>', 'the address ("0" is the mining reward sender)')
    .option('--offset <n>', 'skip this many transactions', wholeNumber)
    .option('--limit <n>', 'show at most this many transactions (the node allows up to 1000)', wholeNumber)
    .action(
      action(async (options, address: string, page: { offset?: number; limit?: number }) =>
        (await import('./commands/address')).address(options, address, page),
      ),
    );

  program
    .command('watch')
    .description("follow the node's live events (blocks, chain replacements, transactions, peers) until Ctrl-C")
    .option('--interval <ms>', 'how often to poll a node without live events (GET /events)', wholeNumber, 1000)
    .action(
      action(async (options, { interval }: { interval: number }) =>
        (await import('./commands/watch')).watch(options, interval),
      ),
    );

  return program;
}

/** Runs the command line on `args` (without node and the script) and resolves to the exit code. */
export async function run(args: string[]): Promise<number> {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  let code = 0;
  try {
    await commandLine((exitCode) => (code = exitCode)).parseAsync(args, { from: 'user' });
    return code;
  } catch (error) {
    // Help asked for exits 0; every other complaint of commander's is a usage error, already written on stderr.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}
