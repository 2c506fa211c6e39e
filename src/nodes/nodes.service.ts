import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { normalizePeerAddress, PeerAddressError } from './peer-address';
import { PeerEntity } from './peer.entity';

/** Owns the peer list: who this node asks for chains. */
@Injectable()
export class NodesService {
  constructor(
    @InjectRepository(PeerEntity) private readonly peers: Repository<PeerEntity>,
    private readonly writer: DatabaseWriter,
  ) {}

  /** Adds every entry or, when any is refused, none of them; registering a known peer again changes nothing. */
  async register(entries: string[]): Promise<string[]> {
    const refusals: string[] = [];
    const addresses = new Set<string>();
    for (const entry of entries) {
      try {
        addresses.add(normalizePeerAddress(entry));
      } catch (error) {
        if (!(error instanceof PeerAddressError)) throw error;
        refusals.push(error.message);
      }
    }
    if (refusals.length > 0) throw new BadRequestException(refusals);
    await this.writer.run(async (manager) => {
      const rows = [...addresses].map((address) => ({ address, addedAt: Date.now() / 1000 }));
      if (rows.length > 0)
        await manager.createQueryBuilder().insert().into(PeerEntity).values(rows).orIgnore().execute();
    });
    return this.list();
  }

  async list(): Promise<string[]> {
    const rows = await this.peers.find({ order: { addedAt: 'ASC', address: 'ASC' } });
    return rows.map((row) => row.address);
  }
}
