import { checkBlockBatch, dumpJson, MAX_FUTURE_DRIFT_MS, readPeerAnswer } from '../../core';
import { buildChain } from '../../../test/support/chains';
import { AnswerCheckPool } from './answer-check-pool';

const RULES = { difficulty: 1, nowMs: Date.now(), maxFutureMs: MAX_FUTURE_DRIFT_MS };
// Big enough to be read by a worker thread rather than in place.
const chain = buildChain({ blocks: 300, paymentsPerBlock: 5 }, 1);
const page = dumpJson({ blocks: chain, from: 1, limit: chain.length, length: chain.length });
const texts = chain.map((block) => dumpJson(block));

describe(AnswerCheckPool.name, () => {
  const pool = new AnswerCheckPool();
  afterAll(() => pool.onModuleDestroy());

  const question = { envelope: 'page', after: null } as const;

  it('should read a big page and check a big batch on worker threads exactly as in place', async () => {
    expect(page.length).toBeGreaterThan(100_000);
    const batch = { firstIndex: 2, previousText: texts[0], texts: texts.slice(1) };
    const bytes = Buffer.from(page);
    const [reading, checked] = await Promise.all([pool.read(bytes, question, RULES), pool.checkBatch(batch, RULES)]);
    expect(reading).toEqual(readPeerAnswer(page, question, RULES));
    expect(reading).toMatchObject({ outcome: 'read', length: 300 });
    // Moved to the thread, not copied.
    expect(bytes.byteLength).toBe(0);
    expect(checked).toEqual(checkBlockBatch(batch, RULES));
    expect(checked).toMatchObject({ outcome: 'read', length: 300 });
  }, 60_000);

  it('should copy the bytes of a page that shares its memory, leaving that memory as it was', async () => {
    const shared = Buffer.from(`padding${page}`);
    await expect(pool.read(shared.subarray('padding'.length), question, RULES)).resolves.toMatchObject({
      outcome: 'read',
      length: 300,
    });
    expect(shared.toString()).toBe(`padding${page}`);
  }, 60_000);

  it('should refuse a big invalid batch there, and check small ones in place', async () => {
    const broken = texts.map((text, i) =>
      i === 150 ? text.replace(/"previous_hash":"\w+"/, `"previous_hash":"${'0'.repeat(64)}"`) : text,
    );
    await expect(pool.checkBatch({ firstIndex: 1, previousText: null, texts: broken }, RULES)).resolves.toMatchObject({
      outcome: 'invalid',
      index: 151,
    });
    const small = { firstIndex: 1, previousText: null, texts: texts.slice(0, 2) };
    await expect(pool.checkBatch(small, RULES)).resolves.toMatchObject({ outcome: 'read', length: 2 });
  }, 60_000);
});
