import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeConfig } from '../config/node-config';
import { FieldError, FieldErrorsException, summary } from '../common/field-errors';
import { DatabaseWriter } from '../database/database-writer';
import { isOwnEndpoint } from './own-endpoint';
import { normalizePeerAddress, PeerAddressError } from './peer-address';
import { PeerPolicy } from './peer-policy';
import { PeerStore } from './peer.store';

/** Owns the peer list: who this node asks for chains and tells about its blocks. */
@Injectable()
export class NodesService {
  /** The peers as last read; they change only through this service's writes, which drop them. */
  private kept?: string[];

  constructor(
    private readonly peers: PeerStore,
    private readonly writer: DatabaseWriter,
    private readonly config: NodeConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly policy: PeerPolicy,
  ) {}

  /** Adds every entry or, when any is refused, none of them; registering a known peer again changes nothing. */
  async register(entries: string[]): Promise<string[]> {
    const { maxPeers } = this.config;
    if (entries.length > maxPeers) {
      const message = `nodes must hold at most ${maxPeers} entries: a node keeps at most ${maxPeers} peers (MAX_PEERS)`;
      throw new FieldErrorsException(message, [{ field: 'nodes', rule: 'arrayMaxSize', message }]);
    }
    const refusals: FieldError[] = [];
    const addresses = new Set<string>();
    entries.forEach((entry, position) => {
      try {
        const address = normalizePeerAddress(entry);
        this.policy.check(entry, address, (endpoint) => isOwnEndpoint(endpoint, this.listeningPort()));
        addresses.add(address);
      } catch (error) {
        if (!(error instanceof PeerAddressError)) throw error;
        refusals.push({ field: `nodes[${position}]`, rule: 'peerAddress', message: error.message });
      }
    });
    if (refusals.length > 0) throw new FieldErrorsException(summary(refusals), refusals);
    return this.change(() => {
      const added = [...addresses].filter((address) => !this.peers.has(address));
      if (this.peers.count() + added.length > maxPeers) {
        throw new BadRequestException(`A node keeps at most ${maxPeers} peers (MAX_PEERS)`);
      }
      const addedAt = Date.now() / 1000;
      for (const address of added) this.peers.insert(address, addedAt);
    });
  }

  async remove(entry: string): Promise<string[]> {
    let address: string;
    try {
      address = normalizePeerAddress(entry);
    } catch (error) {
      if (error instanceof PeerAddressError) throw new BadRequestException(error.message);
      throw error;
    }
    return this.change(() => {
      if (!this.peers.delete(address)) throw new NotFoundException(`${address} is not a registered peer`);
    });
  }

  /** The registered peers, in the order they were added. */
  list(): string[] {
    // Read once and kept until a change: every relayed transaction and every announced block asks for them.
    return [...(this.kept ??= this.peers.addresses())];
  }

  /** The registered peers as a set, or undefined while the database cannot be read (the caller tries again later). */
  registered(): Set<string> | undefined {
    try {
      return new Set(this.list());
    } catch {
      return undefined;
    }
  }

  /** Runs a change to the peers in a write; resolves to the peers it left. */
  private async change(work: () => void): Promise<string[]> {
    try {
      // The list is read inside the write: a read failing after the commit must not deny what was done.
      return await this.writer.run(() => {
        work();
        return this.peers.addresses();
      });
    } finally {
      // Read again when next asked for, whether the write committed or not.
      this.kept = undefined;
    }
  }

  private listeningPort(): number {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    return (server.address() as AddressInfo | null)?.port ?? this.config.port;
  }
}
