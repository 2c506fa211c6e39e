import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * One direction of a link between two nodes: the node that calls registers the proxy's address as its peer, and the
 * proxy passes every connection on to the node called, counting the bytes both ways. Cutting it drops its open
 * connections and refuses new ones, as a network split would; healing lets them through again.
 */
export class LinkProxy {
  bytes = 0;
  private cut = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.pass(client));
  }

  static async start(targetPort: number): Promise<LinkProxy> {
    const proxy = new LinkProxy(targetPort);
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
    client.pipe(target).pipe(client);
  }
}
