import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/** What a node answers to a route it does not have; a reference node's body differs, its status does not. */
const NOT_FOUND = Buffer.from(
  'HTTP/1.1 404 NOT FOUND\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: keep-alive\r\n\r\nNot Found',
);
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * One direction of a link between two nodes: the node that calls registers the proxy's address as its peer, and the
 * proxy passes every connection on to the node called, counting the bytes both ways. Cutting it drops its open
 * connections and refuses new ones, as a network split would; healing lets them through again.
 *
 * Given `refusedPathPrefix`, the proxy answers 404 itself to every GET whose path starts with it, so that the node
 * behind it looks, to the node calling, like one that lacks those routes (a reference node lacks `/blocks`).
 */
export class LinkProxy {
  bytes = 0;
  private cut = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(
    private readonly targetPort: number,
    private readonly refusedPathPrefix: string | undefined,
  ) {
    this.server = createServer((client) => this.pass(client));
  }

  static async start(targetPort: number, refusedPathPrefix?: string): Promise<LinkProxy> {
    const proxy = new LinkProxy(targetPort, refusedPathPrefix);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `host:port`, as the calling node registers it. */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  split(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  heal(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.split();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pass(client: Socket): void {
    if (this.cut) return void client.destroy();
    const target = new Socket();
    for (const socket of [client, target]) {
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        target.destroy();
      });
    }
    target.connect(this.targetPort, '127.0.0.1');
    target.pipe(client);
    if (this.refusedPathPrefix === undefined) client.pipe(target);
    else this.filterRequests(client, target, this.refusedPathPrefix);
  }

  /**
   * Passes the client's requests on one by one, answering refused ones itself. Peers send one request at a time on a
   * connection and wait for its answer (no pipelining), so an answer of ours never overtakes one of the node's.
   */
  private filterRequests(client: Socket, target: Socket, refusedPathPrefix: string): void {
    let unread = Buffer.alloc(0);
    let bodyLeft = 0;
    client.on('data', (chunk: Buffer) => {
      unread = Buffer.concat([unread, chunk]);
      for (;;) {
        if (bodyLeft > 0) {
          const passed = unread.subarray(0, bodyLeft);
          if (passed.length === 0) return;
          target.write(passed);
          bodyLeft -= passed.length;
          unread = unread.subarray(passed.length);
          continue;
        }
        const headEnd = unread.indexOf(HEAD_END);
        if (headEnd < 0) return;
        const head = unread.subarray(0, headEnd + HEAD_END.length);
        unread = unread.subarray(head.length);
        const text = head.toString('latin1');
        const [method, path] = text.split(' ', 2);
        bodyLeft = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
        if (method === 'GET' && path.startsWith(refusedPathPrefix)) {
          client.write(NOT_FOUND);
          this.bytes += NOT_FOUND.length;
        } else {
          target.write(head);
        }
      }
    });
  }
}
