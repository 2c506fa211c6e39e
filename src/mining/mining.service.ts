import { Injectable, Logger } from '@nestjs/common';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { Block, ChainTip, hashBlock, rewardTransaction, unixTimestamp } from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { NodeIdentityService } from '../identity/node-identity.service';
import { TransactionsService } from '../transactions/transactions.service';
import { ProofSearchService } from './proof-search.service';

/** Forges blocks: proof of work on the tip, then every pending transaction and the reward, committed at once. */
@Injectable()
export class MiningService {
  private readonly logger = new Logger('Mining');
  private lastMining: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: NodeConfig,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly identity: NodeIdentityService,
    private readonly proofSearch: ProofSearchService,
    private readonly writer: DatabaseWriter,
  ) {}

  /** Mines one block. Calls queue behind each other, so each gets its own block and indexes stay contiguous. */
  mine(): Promise<Block> {
    const block = this.lastMining.then(() => this.mineOnCurrentTip());
    this.lastMining = block.catch(() => undefined);
    return block;
  }

  private async mineOnCurrentTip(): Promise<Block> {
    const started = performance.now();
    for (;;) {
      const tip = this.chain.tip();
      const proof = await this.searchUntilTipChanges(tip);
      if (proof === null) continue;
      const block = await this.writer.run(() => this.commitIfTipUnchanged(tip, proof));
      // The chain changed between the search and the commit: the proof belongs to an old tip, so start again.
      if (block) {
        const hash = hashBlock(block);
        const ms = Math.round(performance.now() - started);
        const transactions = block.transactions.length;
        this.logger.log({
          event: 'block mined',
          msg: `Mined block ${block.index} in ${ms} ms`,
          index: block.index,
          hash,
          transactions,
          ms,
        });
        return block;
      }
    }
  }

  /** A proof for the block after `tip`, or null when the chain changed first: a proof for an old tip is no use. */
  private async searchUntilTipChanges(tip: ChainTip): Promise<number | null> {
    const tipChanged = new AbortController();
    const subscription = this.chain.changes.subscribe(() => tipChanged.abort());
    try {
      return await this.proofSearch.find(tip.proof, tip.hash, this.config.difficulty, tipChanged.signal);
    } catch (error) {
      if (tipChanged.signal.aborted) return null;
      throw error;
    } finally {
      subscription.unsubscribe();
    }
  }

  private commitIfTipUnchanged(tip: ChainTip, proof: number): Block | null {
    if (this.chain.tip().hash !== tip.hash) return null;
    const pending = this.transactions.pending();
    const block: Block = {
      index: tip.index + 1,
      timestamp: unixTimestamp(),
      transactions: [...pending.transactions, rewardTransaction(this.identity.nodeId)],
      proof,
      previous_hash: tip.hash,
    };
    this.chain.append(block, 'mined');
    this.transactions.remove(pending.ids);
    return block;
  }
}
