import type { components } from '../client/api-schema';
import { httpFetch } from '../client/http-fetch';
import { createNodeClient, NodeClient } from '../client/node-client';
import { dumpJson, isJsonObject, JsonObject, JsonValue, parseJson } from '../core/python-json';
import { printable } from './format';

/** The options every command takes. */
export interface GlobalOptions {
  node: string;
  token?: string;
  json?: boolean;
}

/** The node answered with an error status: its message, and its field errors, are what the user needs. */
export class ErrorAnswer extends Error {
  constructor(
    readonly status: number,
    /** The answer's body: the node's error shape, or whatever text something else in between sent. */
    readonly body: JsonValue,
  ) {
    super(errorMessage(status, body));
  }

  /** One line for the message, one more for each field error. */
  describe(): string {
    const errors = isErrorShape(this.body) ? (this.body.errors ?? []) : [];
    const lines = [this.message, ...errors.map((error) => `  ${error.field}: ${error.message}`)];
    return lines.map(printable).join('\n');
  }
}

/** The node could not be reached, or the connection broke before the answer was whole. */
export class NodeUnreachable extends Error {
  constructor(url: string, error: unknown) {
    super(`Cannot reach the node at ${url}: ${connectionFailure(error)}`);
  }
}

type ErrorShape = components['schemas']['ErrorResponseDto'];

function isErrorShape(body: JsonValue): body is JsonObject & ErrorShape {
  return isJsonObject(body) && typeof body.message === 'string';
}

function errorMessage(status: number, body: JsonValue): string {
  if (isErrorShape(body)) return `${status} ${body.error}: ${body.message}`;
  // Not the node's error shape: something else answered (a proxy, another server), so show what it said.
  const text = typeof body === 'string' ? body : dumpJson(body);
  return `${status}: ${text === '' ? 'an empty answer' : text.slice(0, 200)}`;
}

/** Why a request failed: the system's error code (the error's own, or its cause's), or its message. */
function connectionFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? CONNECTION_ERRORS[code] : undefined;
  if (reason) return `${reason} (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** What the typed client resolves to when asked for the answer's text (`parseAs: 'text'`). */
type TextAnswer = Promise<{ data?: string; error?: unknown; response: Response }>;

/** An answer: its text exactly as the node wrote it, and its value parsed keeping every number's kind. */
export interface Answer<T> {
  text: string;
  value: T;
}

/** One run of a command against one node: the typed client, and how answers and results are written. */
export class Session {
  readonly client: NodeClient;

  constructor(readonly options: GlobalOptions) {
    this.client = createNodeClient(options.node, { token: options.token, fetch: httpFetch });
  }

  /**
   * Sends a request through the typed client and reads its answer as text, which `--json` prints as is and which
   * is parsed so that `5.0` stays `5.0` (JSON.parse would make it `5`). Throws `ErrorAnswer` for an error status.
   */
  async ask<T>(send: (client: NodeClient) => TextAnswer): Promise<Answer<T>> {
    let answer: Awaited<TextAnswer>;
    try {
      answer = await send(this.client);
    } catch (error) {
      throw new NodeUnreachable(this.options.node, error);
    }
    if (!answer.response.ok || answer.data === undefined)
      throw new ErrorAnswer(answer.response.status, (answer.error ?? '') as JsonValue);
    return { text: answer.data, value: parseJson(answer.data) as T };
  }

  /**
   * Writes the result: `json` with --json (the node's answer as is, a `RawJson` of its text, or JSON the command
   * made around such answers), `human` otherwise.
   */
  print(json: JsonValue, human: () => string): void {
    const text = this.options.json ? dumpJson(json) : human();
    process.stdout.write(`${text}\n`);
  }
}

/**
 * Writes why a command failed and returns its exit code: 1 for an error answer (its message and field errors on
 * stderr, or with --json the node's answer as is on stdout) and for a node out of reach. Anything else is a defect,
 * thrown on.
 */
export function reportFailure(error: unknown, options: GlobalOptions): number {
  if (error instanceof ErrorAnswer) {
    if (options.json && isErrorShape(error.body)) process.stdout.write(`${dumpJson(error.body)}\n`);
    else process.stderr.write(`${error.describe()}\n`);
    return 1;
  }
  if (error instanceof NodeUnreachable) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  throw error;
}
