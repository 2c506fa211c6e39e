import { httpFetch } from '../../client/http-fetch';
import { Block, hashBlock } from '../../core/block';
import {
  dumpJson,
  isJsonNumber,
  isJsonObject,
  JsonObject,
  JsonValue,
  numberValue,
  parseJson,
  pythonNumberText,
  RawJson,
} from '../../core/python-json';
import type { Schema } from '../answers';
import { EventStreamReader } from '../event-stream';
import { count, printable } from '../format';
import { ErrorAnswer, GlobalOptions, NodeUnreachable, Session } from '../session';

/** An event as `watch` prints it: the node's (GET /events), or one polling made up in the same shape. */
interface WatchEvent {
  id?: string;
  event: string;
  /** The event's data: its JSON text as the node sent it (a string when it is not JSON), or what polling built. */
  data: RawJson | JsonObject | string;
}

const RECONNECT_DELAY_MS = 1000;
/** The most blocks GET /blocks gives at once. */
const PAGE_LIMIT = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `watch`: follows GET /events (server-sent events) and prints each event as it comes, one line each. A node
 * without live events (404) is polled every `intervalMs` instead. Once started, it rides out the node going away:
 * it says so on stderr and reconnects. It runs until interrupted; it returns only for a failure at the start.
 */
export async function watch(options: GlobalOptions, intervalMs: number): Promise<never> {
  const session = new Session(options);
  let response = await openEvents(options);
  for (;;) {
    if (response.status === 404) {
      process.stderr.write(`${options.node} has no live events (GET /events: 404): polling every ${intervalMs} ms.\n`);
      return poll(session, intervalMs);
    }
    if (!response.ok) throw new ErrorAnswer(response.status, await errorBody(response));
    try {
      await readEvents(response, options);
    } catch {
      // The connection broke: the node stopped, or the network between.
    }
    process.stderr.write(`Lost the event stream of ${options.node}: reconnecting.\n`);
    response = await reconnect(() => openEvents(options));
  }
}

async function openEvents(options: GlobalOptions): Promise<Response> {
  // Outside the typed client: GET /events streams, and the document a client is generated from may predate it.
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await httpFetch(`${options.node}/events`, { headers });
  } catch (error) {
    throw new NodeUnreachable(options.node, error);
  }
}

async function errorBody(response: Response): Promise<JsonValue> {
  const text = await response.text();
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** Retries `attempt` every second while the node cannot be reached. */
async function reconnect<T>(attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    await sleep(RECONNECT_DELAY_MS);
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof NodeUnreachable)) throw error;
    }
  }
}

/** Prints the stream's events until it ends. */
async function readEvents(response: Response, options: GlobalOptions): Promise<void> {
  const reader = new EventStreamReader();
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? []) {
    for (const { id, event, data } of reader.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
      printEvent({ id, event, data: isJsonText(data) ? new RawJson(data) : data }, options);
    }
  }
}

function isJsonText(text: string): boolean {
  try {
    parseJson(text);
    return true;
  } catch {
    return false;
  }
}

function printEvent(event: WatchEvent, options: GlobalOptions): void {
  if (options.json) {
    const line: JsonObject = { event: event.event, data: event.data };
    if (event.id !== undefined) line.id = /^\d+$/.test(event.id) ? Number(event.id) : event.id;
    process.stdout.write(`${dumpJson(line)}\n`);
    return;
  }
  const time = new Date().toTimeString().slice(0, 8);
  process.stdout.write(`${time}  ${printable(event.event).padEnd(20)}  ${describe(event)}\n`);
}

/** One line for a person; an event of a kind this version does not know is shown as its JSON. */
function describe({ event, data }: WatchEvent): string {
  if (typeof data === 'string') return printable(data);
  const value = data instanceof RawJson ? parseJson(data.text) : data;
  if (!isJsonObject(value)) return printable(dumpJson(value));
  const field = (name: string) => {
    const member = value[name];
    if (member === undefined || member === null) return '?';
    if (isJsonNumber(member)) return pythonNumberText(member);
    return printable(typeof member === 'string' ? member : dumpJson(member));
  };
  switch (event) {
    case 'block-appended': {
      const source = value.source === undefined ? '' : `${field('source')}, `;
      const transactions = count(Number(field('transactions')), 'transaction');
      return `block ${field('index')} ${field('hash')} (${source}${transactions}), length ${field('length')}`;
    }
    case 'chain-replaced':
      return (
        `kept blocks to ${field('forkHeight')}, dropped ${field('dropped')}, added ${field('added')}; ` +
        `length ${field('length')}, tip ${field('hash')}`
      );
    case 'transaction-accepted':
      return `${field('sender')} -> ${field('recipient')} ${field('amount')}, for block ${field('index')}`;
    case 'peer-status':
      return `${field('node')}: ${value.previous === null ? 'new' : field('previous')} -> ${field('status')}`;
    default:
      return printable(dumpJson(value));
  }
}

/**
 * Polling, for a node without GET /events: each round reads the blocks after the last one seen and the pending
 * transactions, and prints what changed as the events the node would have sent (without ids, and without a
 * block's `source`, which only the node knows). A transaction sent and mined between two rounds goes unseen.
 */
async function poll(session: Session, intervalMs: number): Promise<never> {
  const chain = new PolledChain(session);
  await chain.start();
  let lost = false;
  for (;;) {
    await sleep(intervalMs);
    try {
      for (const event of await chain.changes()) printEvent(event, session.options);
      if (lost) process.stderr.write(`Reached ${session.options.node} again.\n`);
      lost = false;
    } catch (error) {
      if (!(error instanceof NodeUnreachable)) throw error;
      if (!lost) process.stderr.write(`${error.message}: retrying.\n`);
      lost = true;
    }
  }
}

type BlockAnswer = Schema<'BlockDto'>;

/** What polling knows of the node's chain: the hashes of the blocks seen since the watch began. */
class PolledChain {
  /** Block index → hash, for every block seen during this watch. */
  private readonly seen = new Map<number, string>();
  private tip = 0;
  /** The pending transactions of the last round, as JSON text, to tell new ones apart. */
  private pending: string[] = [];

  constructor(private readonly session: Session) {}

  async start(): Promise<void> {
    const { length } = await this.blocks(1, 1);
    await this.remember(length, length);
    this.pending = await this.pendingTransactions();
  }

  /** What changed since the last round, as events. */
  async changes(): Promise<WatchEvent[]> {
    const events: WatchEvent[] = [];
    for (;;) {
      const page = await this.blocks(this.tip, PAGE_LIMIT);
      const [tipBlock, ...appended] = page.blocks;
      if (tipBlock === undefined || hashBlock(tipBlock as Block) !== this.seen.get(this.tip)) {
        events.push(await this.replaced(page.length));
        break;
      }
      for (const block of appended) events.push(this.appended(block));
      if (this.tip >= page.length) break;
    }
    const pending = await this.pendingTransactions();
    for (const transaction of newTransactions(this.pending, pending)) {
      events.push({
        event: 'transaction-accepted',
        data: { ...(parseJson(transaction) as JsonObject), index: this.tip + 1 },
      });
    }
    this.pending = pending;
    return events;
  }

  private appended(block: BlockAnswer): WatchEvent {
    const index = numberValue(block.index);
    const hash = hashBlock(block as Block);
    this.seen.set(index, hash);
    this.tip = index;
    const { previous_hash, timestamp, transactions } = block;
    return {
      event: 'block-appended',
      data: { index, hash, previous_hash, timestamp, transactions: transactions.length, length: index },
    };
  }

  /** The block at our tip is another one now: find the last block both chains share among those seen. */
  private async replaced(length: number): Promise<WatchEvent> {
    const oldTip = this.tip;
    const forkHeight = await this.forkHeight();
    for (const index of this.seen.keys()) if (forkHeight === null || index > forkHeight) this.seen.delete(index);
    await this.remember(forkHeight === null ? length : forkHeight + 1, length);
    return {
      event: 'chain-replaced',
      data: {
        forkHeight,
        dropped: forkHeight === null ? null : oldTip - forkHeight,
        added: forkHeight === null ? null : length - forkHeight,
        length,
        hash: this.seen.get(length) ?? null,
      },
    };
  }

  /** The highest block seen whose hash the node's chain still has there; null when the fork is older. */
  private async forkHeight(): Promise<number | null> {
    let first = this.tip;
    for (const index of this.seen.keys()) first = Math.min(first, index);
    for (let to = this.tip; to >= first; to -= PAGE_LIMIT) {
      const from = Math.max(first, to - PAGE_LIMIT + 1);
      const { blocks } = await this.blocks(from, to - from + 1);
      for (let i = Math.min(blocks.length, to - from + 1) - 1; i >= 0; i--) {
        if (hashBlock(blocks[i] as Block) === this.seen.get(from + i)) return from + i;
      }
    }
    return null;
  }

  /** Reads and remembers the hashes of blocks `from` to `to`, which becomes the tip. */
  private async remember(from: number, to: number): Promise<void> {
    for (let start = from; start <= to; start += PAGE_LIMIT) {
      const { blocks } = await this.blocks(start, Math.min(PAGE_LIMIT, to - start + 1));
      blocks.forEach((block, offset) => this.seen.set(start + offset, hashBlock(block as Block)));
    }
    this.tip = to;
  }

  private async blocks(from: number, limit: number): Promise<{ blocks: BlockAnswer[]; length: number }> {
    const { value } = await this.session.ask<Schema<'BlocksPageResponseDto'>>((client) =>
      client.GET('/blocks', { params: { query: { from, limit } }, parseAs: 'text' }),
    );
    return { blocks: value.blocks, length: numberValue(value.length) };
  }

  private async pendingTransactions(): Promise<string[]> {
    const { value } = await this.session.ask<Schema<'PendingTransactionsResponseDto'>>((client) =>
      client.GET('/transactions/pending', { parseAs: 'text' }),
    );
    return value.transactions.map((transaction) => dumpJson(transaction as JsonObject));
  }
}

/** The transactions of `now` that `before` did not hold, counting equal ones: two equal payments are two. */
function newTransactions(before: string[], now: string[]): string[] {
  const remaining = new Map<string, number>();
  for (const text of before) remaining.set(text, (remaining.get(text) ?? 0) + 1);
  return now.filter((text) => {
    const left = remaining.get(text) ?? 0;
    remaining.set(text, left - 1);
    return left <= 0;
  });
}
