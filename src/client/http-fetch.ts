import { IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/** Statuses whose answers carry no body: `Response` refuses one for them. */
const BODILESS_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` on `node:http` and `node:https`. Node's own fetch (undici) takes about 200 ms of a short-lived process to
 * load and compile itself on its first call, most of what a command line asking a node two or three questions
 * waits for; these modules are ready at once. The answer's body streams as fetch's does, and the request's signal
 * aborts it. No redirects are followed: a node never answers with one.
 */
export async function httpFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  request.signal.throwIfAborted();
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: request.method, headers: Object.fromEntries(request.headers) }, (incoming) =>
      resolve(toResponse(incoming, request.method)),
    );
    const abort = () => outgoing.destroy(request.signal.reason as Error);
    request.signal.addEventListener('abort', abort, { once: true });
    outgoing.on('close', () => request.signal.removeEventListener('abort', abort));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function toResponse(incoming: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2)
    headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
  const status = incoming.statusCode!;
  if (BODILESS_STATUSES.has(status) || method === 'HEAD') {
    incoming.resume();
    return new Response(null, { status, statusText: incoming.statusMessage, headers });
  }
  const body = Readable.toWeb(incoming) as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: incoming.statusMessage, headers });
}
