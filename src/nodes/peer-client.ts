import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { AxiosRequestConfig, AxiosResponse } from 'axios';
import { lookup } from 'node:dns/promises';
import type { Readable } from 'node:stream';
import { firstValueFrom } from 'rxjs';
import { NodeConfig } from '../config/node-config';
import { peerBaseUrl } from './peer-address';
import { PeerPolicy } from './peer-policy';

/** What a peer may answer to a post (an announcement, relayed transactions): a short JSON message. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** A peer's answer to a post: its status, and its body as text. */
export interface PeerAnswer {
  status: number;
  body: string;
}

type Resolve = (hostname: string) => Promise<{ address: string; family: number }>;

/** Resolves a peer's host name for a connection, refusing addresses the peer policy forbids. */
export function guardedLookup(policy: PeerPolicy, resolve: Resolve = (hostname) => lookup(hostname)) {
  return async (hostname: string): Promise<[string, number]> => {
    const { address, family } = await resolve(hostname);
    if (policy.refusesResolvedAddress(address)) {
      throw new Error(`${hostname} resolves to the link-local address ${address}`);
    }
    return [address, family];
  };
}

/** Every call to a peer: bounded in time end to end, never redirected elsewhere, any status returned, not thrown. */
@Injectable()
export class PeerClient {
  private readonly lookup: ReturnType<typeof guardedLookup>;

  constructor(
    private readonly http: HttpService,
    private readonly config: NodeConfig,
    policy: PeerPolicy,
  ) {
    this.lookup = guardedLookup(policy);
  }

  private options(): AxiosRequestConfig {
    const timeout = this.config.peerTimeoutMs;
    return {
      timeout,
      // The socket timeout alone would let a peer that trickles bytes hold us forever.
      signal: AbortSignal.timeout(timeout),
      maxRedirects: 0,
      validateStatus: () => true,
      lookup: this.lookup,
    };
  }

  /** The body as text (numbers are parsed by the caller with their Python kinds), at most `maxBytes` of it. */
  getText(node: string, path: string, maxBytes: number): Promise<AxiosResponse<string>> {
    return this.getBody<string>(node, path, maxBytes, 'text');
  }

  /**
   * The body's bytes as received, at most `maxBytes` of them: for an answer read on a worker thread, to which bytes
   * move (transferred) where text would be copied.
   */
  getBytes(node: string, path: string, maxBytes: number): Promise<AxiosResponse<Buffer>> {
    return this.getBody<Buffer>(node, path, maxBytes, 'arraybuffer');
  }

  private getBody<Body>(
    node: string,
    path: string,
    maxBytes: number,
    responseType: 'text' | 'arraybuffer',
  ): Promise<AxiosResponse<Body>> {
    return firstValueFrom(
      this.http.get<Body>(`${peerBaseUrl(node)}${path}`, {
        ...this.options(),
        responseType,
        transformResponse: (data: Body) => data,
        maxContentLength: maxBytes,
      }),
    );
  }

  /**
   * The body as a stream, for an answer too long to hold (a reference node's whole chain). Bounded by `signal`
   * rather than by one deadline: the caller paces the reading, and bounds its bytes and its waits.
   */
  getStream(node: string, path: string, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
    return firstValueFrom(
      this.http.get<Readable>(`${peerBaseUrl(node)}${path}`, {
        ...this.options(),
        timeout: 0,
        responseType: 'stream',
        signal,
      }),
    );
  }

  /** Posts JSON text that is already serialized (so a block keeps its exact numbers); resolves to the answer. */
  async postJson(node: string, path: string, json: string, headers: Record<string, string> = {}): Promise<PeerAnswer> {
    const response = await firstValueFrom(
      this.http.post<string>(`${peerBaseUrl(node)}${path}`, json, {
        ...this.options(),
        headers: { 'Content-Type': 'application/json', ...headers },
        responseType: 'text',
        transformResponse: (data: string) => data,
        maxContentLength: MAX_ANSWER_BYTES,
      }),
    );
    return { status: response.status, body: response.data };
  }
}

/**
 * A peer's answer to what was sent to it, unless the answer says it was not taken for now (a 429 of its rate limit,
 * a 503 of its database, any 5xx): that throws, and it is offered again. A refusal (4xx) is final.
 */
export function heard(answer: PeerAnswer): PeerAnswer {
  if (answer.status === 429 || answer.status >= 500) throw new Error(`it answered ${answer.status}`);
  return answer;
}
