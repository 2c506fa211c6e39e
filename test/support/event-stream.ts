import { ClientRequest, IncomingMessage, request } from 'node:http';
import type { ApiContract } from './api-contract';
import { checkAnswer } from './contract-guard';
import { parseEventStream, StreamMessage } from './event-stream-text';
import { eventually } from './eventually';

/**
 * A client of GET /events over node:http (fetch would wait for the end of the body before the contract check): it
 * parses messages as they arrive, can stop reading, and checks what it received against the OpenAPI document when
 * the stream ends or is closed.
 */
export class EventStream {
  readonly messages: StreamMessage[] = [];
  /** Settles when the answer has ended: `complete` is false for a connection cut before the end of the answer. */
  readonly ended: Promise<{ complete: boolean }>;
  private text = '';
  private unparsed = '';
  private checked = false;

  private constructor(
    private readonly client: ClientRequest,
    readonly response: IncomingMessage,
    private readonly contract: ApiContract,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    this.ended = new Promise((resolve) => {
      response.once('end', () => resolve({ complete: response.complete }));
      response.once('close', () => resolve({ complete: response.complete }));
    }).then((outcome) => {
      this.checkAgainstDocument();
      return outcome as { complete: boolean };
    });
    // A connection the node cuts surfaces as an error on the request: the outcome above reports it.
    response.on('error', () => undefined);
  }

  /** Opens `GET /events` on the node and resolves once the answer's headers are in. */
  static open(node: { url: string; contract: ApiContract }): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const client = request(`${node.url}/events`, { headers: { Accept: 'text/event-stream' } });
      client.once('response', (response) => resolve(new EventStream(client, response, node.contract)));
      client.once('error', reject);
      client.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** Everything received so far. */
  get body(): string {
    return this.text;
  }

  /** Messages with an event (not comments), in order. */
  events(kind?: string): StreamMessage[] {
    return this.messages.filter((message) => message.event !== undefined && (!kind || message.event === kind));
  }

  heartbeats(): number {
    return this.messages.filter((message) => message.comment === 'heartbeat').length;
  }

  /** Waits for the first event of `kind` whose parsed data passes `matches`, and returns its data. */
  async waitFor<Data = Record<string, unknown>>(
    kind: string,
    matches: (data: Data) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Data> {
    let found: Data | undefined;
    await eventually(async () => {
      found = this.events(kind)
        .map((message) => JSON.parse(message.data!) as Data)
        .find(matches);
      if (found === undefined) throw new Error(`no ${kind} event matching yet; received:\n${this.text.slice(-2000)}`);
    }, timeoutMs);
    return found!;
  }

  /** Stops reading: what the node sends piles up in its socket's buffers, then in the node. */
  stopReading(): void {
    this.response.pause();
    this.response.socket.pause();
  }

  resumeReading(): void {
    this.response.socket.resume();
    this.response.resume();
  }

  /** Leaves, as a browser closing its tab, and checks what was received against the document. */
  async close(): Promise<void> {
    this.client.destroy();
    await this.ended;
  }

  private receive(chunk: string): void {
    this.text += chunk;
    const { messages, rest } = parseEventStream(this.unparsed + chunk);
    this.messages.push(...messages);
    this.unparsed = rest;
  }

  private checkAgainstDocument(): void {
    if (this.checked) return;
    this.checked = true;
    // A stream the client cut may end inside a line: what it received is checked up to its last whole line.
    const body = this.status === 200 ? this.text.slice(0, this.text.lastIndexOf('\n') + 1) : this.text;
    checkAnswer(this.contract, {
      method: 'GET',
      url: '/events',
      status: this.status,
      contentType: this.response.headers['content-type'],
      body,
    });
  }
}
