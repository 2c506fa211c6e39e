import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { In, Repository } from 'typeorm';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from '../database/database-writer';
import { isOwnEndpoint } from './own-endpoint';
import { normalizePeerAddress, PeerAddressError } from './peer-address';
import { PeerPolicy } from './peer-policy';
import { PeerEntity } from './peer.entity';

/** Owns the peer list: who this node asks for chains and tells about its blocks. */
@Injectable()
export class NodesService {
  constructor(
    @InjectRepository(PeerEntity) private readonly peers: Repository<PeerEntity>,
    private readonly writer: DatabaseWriter,
    private readonly config: NodeConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly policy: PeerPolicy,
  ) {}

  /** Adds every entry or, when any is refused, none of them; registering a known peer again changes nothing. */
  async register(entries: string[]): Promise<string[]> {
    const refusals: string[] = [];
    const addresses = new Set<string>();
    for (const entry of entries) {
      try {
        const address = normalizePeerAddress(entry);
        this.policy.check(entry, address, (endpoint) => isOwnEndpoint(endpoint, this.listeningPort()));
        addresses.add(address);
      } catch (error) {
        if (!(error instanceof PeerAddressError)) throw error;
        refusals.push(error.message);
      }
    }
    if (refusals.length > 0) throw new BadRequestException(refusals);
    await this.writer.run(async (manager) => {
      const known = await manager.findBy(PeerEntity, { address: In([...addresses]) });
      const added = [...addresses].filter((address) => !known.some((peer) => peer.address === address));
      if ((await manager.count(PeerEntity)) + added.length > this.config.maxPeers) {
        throw new BadRequestException(`A node keeps at most ${this.config.maxPeers} peers (MAX_PEERS)`);
      }
      const addedAt = Date.now() / 1000;
      if (added.length > 0)
        await manager.insert(
          PeerEntity,
          added.map((address) => ({ address, addedAt })),
        );
    });
    return this.list();
  }

  async remove(entry: string): Promise<string[]> {
    let address: string;
    try {
      address = normalizePeerAddress(entry);
    } catch (error) {
      if (error instanceof PeerAddressError) throw new BadRequestException(error.message);
      throw error;
    }
    const removed = await this.writer.run(async (manager) => (await manager.delete(PeerEntity, { address })).affected);
    if (!removed) throw new NotFoundException(`${address} is not a registered peer`);
    return this.list();
  }

  async list(): Promise<string[]> {
    const rows = await this.peers.find({ order: { addedAt: 'ASC', address: 'ASC' } });
    return rows.map((row) => row.address);
  }

  private listeningPort(): number {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    return (server.address() as AddressInfo | null)?.port ?? this.config.port;
  }
}
