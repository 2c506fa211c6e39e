import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakePeer {
  address: string;
  /** How many requests it got: all of them, or those for one path. */
  requests: (path?: string) => number;
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests: (path) => (path === undefined ? paths.length : paths.filter((asked) => asked === path).length),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A peer that serves this exact text as its chain. */
export function servingChain(text: string) {
  return startFakePeer((_request, response) => {
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
