import { Injectable } from '@nestjs/common';
import { JsonNumber, searchProof } from '../core';

// About 10 ms of hashing between chances for the event loop to serve requests.
const CANDIDATES_PER_SLICE = 20_000;

/** Finds a proof of work for the block after a tip, counting up from 0 like the reference. */
@Injectable()
export class ProofSearchService {
  async find(lastProof: JsonNumber, lastHash: string, difficulty: number): Promise<number> {
    for (let start = 0; ; start += CANDIDATES_PER_SLICE) {
      const proof = searchProof(lastProof, lastHash, difficulty, start, CANDIDATES_PER_SLICE);
      if (proof !== null) return proof;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
