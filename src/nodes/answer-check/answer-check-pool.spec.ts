import { dumpJson, MAX_FUTURE_DRIFT_MS, readPeerAnswer } from '../../core';
import { buildChain } from '../../../test/support/chains';
import { AnswerCheckPool } from './answer-check-pool';

const RULES = { difficulty: 1, nowMs: Date.now(), maxFutureMs: MAX_FUTURE_DRIFT_MS };
// Big enough to be read by a worker thread rather than in place.
const chain = buildChain({ blocks: 300, paymentsPerBlock: 5 }, 1);
const text = dumpJson({ chain, length: chain.length });

describe(AnswerCheckPool.name, () => {
  const pool = new AnswerCheckPool();
  afterAll(() => pool.onModuleDestroy());

  it('should read a big answer on a worker thread exactly as in place', async () => {
    expect(text.length).toBeGreaterThan(100_000);
    const question = { envelope: 'chain', check: true } as const;
    const reading = await pool.read(text, question, RULES);
    expect(reading).toEqual(readPeerAnswer(text, question, RULES));
    expect(reading).toMatchObject({ outcome: 'read', length: 300 });
  }, 60_000);

  it('should refuse a big invalid answer there, and read small answers in place', async () => {
    const broken = text.replace(chain[150].previous_hash as string, '0'.repeat(64));
    await expect(pool.read(broken, { envelope: 'chain', check: true }, RULES)).resolves.toMatchObject({
      outcome: 'invalid',
      index: 151,
    });
    const small = dumpJson({ chain: chain.slice(0, 2), length: 2 });
    await expect(pool.read(small, { envelope: 'chain', check: false }, RULES)).resolves.toEqual({
      outcome: 'read',
      length: 2,
    });
  }, 60_000);
});
