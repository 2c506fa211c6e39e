import type { HttpAdapterHost } from '@nestjs/core';
import type { NodeConfig } from '../config/node-config';
import type { DatabaseWriter } from '../database/database-writer';
import { NodesService } from './nodes.service';
import type { PeerPolicy } from './peer-policy';
import type { PeerStore } from './peer.store';

/** The peers table, counting its reads of the whole list. */
class CountingPeerStore {
  rows: string[] = [];
  reads = 0;

  addresses(): string[] {
    this.reads++;
    return [...this.rows];
  }

  has(address: string): boolean {
    return this.rows.includes(address);
  }

  count(): number {
    return this.rows.length;
  }

  insert(address: string): void {
    this.rows.push(address);
  }

  delete(address: string): boolean {
    const before = this.rows.length;
    this.rows = this.rows.filter((row) => row !== address);
    return this.rows.length < before;
  }
}

describe(NodesService.name, () => {
  let store: CountingPeerStore;
  let commitFails: boolean;
  let nodes: NodesService;

  beforeEach(() => {
    store = new CountingPeerStore();
    commitFails = false;
    const writer = {
      run: async <T>(work: () => T): Promise<T> => {
        const value = work();
        if (commitFails) throw new Error('disk I/O error');
        return value;
      },
    } as unknown as DatabaseWriter;
    const adapterHost = {
      httpAdapter: { getHttpServer: () => ({ address: () => null }) },
    } as unknown as HttpAdapterHost;
    const policy = { check: () => undefined } as unknown as PeerPolicy;
    const config = { maxPeers: 10, port: 5000 } as NodeConfig;
    nodes = new NodesService(store as unknown as PeerStore, writer, config, adapterHost, policy);
  });

  it('should read the peers once, and again only after they changed', async () => {
    store.rows = ['a.example:5000'];
    expect(nodes.list()).toEqual(['a.example:5000']);
    expect(nodes.list()).toEqual(['a.example:5000']);
    expect(store.reads).toBe(1);

    await expect(nodes.register(['b.example:5000'])).resolves.toEqual(['a.example:5000', 'b.example:5000']);
    expect(nodes.list()).toEqual(['a.example:5000', 'b.example:5000']);
    await nodes.remove('a.example:5000');
    expect(nodes.list()).toEqual(['b.example:5000']);
  });

  it('should read the peers again after a change that failed', async () => {
    expect(nodes.list()).toEqual([]);
    commitFails = true;
    await expect(nodes.register(['b.example:5000'])).rejects.toThrow('disk I/O error');
    const reads = store.reads;
    nodes.list();
    expect(store.reads).toBe(reads + 1);
  });

  it('should not let a caller change the peers it was given', () => {
    store.rows = ['a.example:5000'];
    nodes.list().push('intruder.example:5000');
    expect(nodes.list()).toEqual(['a.example:5000']);
  });
});
