import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

export interface FakePeer {
  address: string;
  /** How many requests it got: all of them, or those for one path. */
  requests: (path?: string) => number;
  /** The path (and query) of every request received so far, in order. */
  paths: () => string[];
  /** Bytes read and written on all its connections so far, HTTP headers included: what crossed the wire. */
  wireBytes: () => number;
  close(): Promise<void>;
}

/** A scripted peer on a loopback port: `handle` decides what it answers, however hostile. */
export async function startFakePeer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<FakePeer> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    handle(request, response);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    paths: () => [...paths],
    wireBytes: () => [...sockets].reduce((total, socket) => total + socket.bytesRead + socket.bytesWritten, 0),
    requests: (path) => (path === undefined ? paths.length : paths.filter((asked) => asked === path).length),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A reference-style peer that serves this exact text as its chain, and answers 404 to anything else, as Flask does. */
export function servingChain(text: string) {
  return startFakePeer((request, response) => {
    if (request.url !== '/chain') {
      response.writeHead(404, { 'Content-Type': 'text/html' });
      response.end('<h1>Not Found</h1>');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(text);
  });
}

/** Runs `use` with a peer serving `text` as its chain, and stops the peer afterwards. */
export async function withChainPeer<T>(text: string, use: (peer: FakePeer) => Promise<T>): Promise<T> {
  const peer = await servingChain(text);
  try {
    return await use(peer);
  } finally {
    await peer.close();
  }
}

/**
 * A peer that passes every GET on to the node at `target` (its url) and answers as it does, unless `tamper` answers
 * instead: given the request and the node's answer, it returns true once it has written its own.
 */
export function proxyingTo(
  target: string,
  tamper: (request: IncomingMessage, response: ServerResponse, answer: ProxiedAnswer) => boolean = () => false,
) {
  return startFakePeer((request, response) => {
    void fetch(`${target}${request.url}`).then(async (forwarded) => {
      const answer = { status: forwarded.status, text: await forwarded.text() };
      if (tamper(request, response, answer)) return;
      response.writeHead(answer.status, { 'Content-Type': forwarded.headers.get('content-type') ?? 'text/plain' });
      response.end(answer.text);
    });
  });
}

export interface ProxiedAnswer {
  status: number;
  text: string;
}
