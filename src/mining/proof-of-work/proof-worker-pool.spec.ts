import proofVectors from '../../../test/fixtures/reference/proof-vectors.json';
import { isValidProof, JsonNumber, PythonNumber, pythonNumberText } from '../../core';
import { chooseKernel, kernelById } from './proof-kernels';
import { ProofWorkerPool } from './proof-worker-pool';

const LAST_HASH = proofVectors.vectors[0].last_hash;
/** No proof will be found at this difficulty: the search runs until it is stopped. */
const ENDLESS = 32;

const LAST_PROOFS: [string, JsonNumber][] = [
  ['an integer', 100],
  ['a float', PythonNumber.float(100)],
  ['a big integer', PythonNumber.integer('123456789012345678901234567890')],
];

function timeout(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.each([chooseKernel('auto').kernel.id, 'js' as const])('ProofWorkerPool on the %s kernel', (kernelId) => {
  const kernel = kernelById(kernelId);
  const onOneWorker = new ProofWorkerPool(kernel, 1);
  const onTwoWorkers = new ProofWorkerPool(kernel, 2);
  afterAll(() => Promise.all([onOneWorker.close(), onTwoWorkers.close()]));

  it.each(proofVectors.vectors)(
    'should find the reference first valid proof after $last_proof on one worker',
    async ({ last_proof: lastProof, last_hash: lastHash, difficulty, first_valid_proof: firstValid }) => {
      await expect(onOneWorker.search(String(lastProof), lastHash, difficulty)).resolves.toBe(firstValid);
    },
  );

  describe.each(LAST_PROOFS)('after %s', (_name, lastProof) => {
    it.each([1, 2, 3, 4, 5])('should find a valid proof at difficulty %i on two workers', async (difficulty) => {
      const proof = await onTwoWorkers.search(pythonNumberText(lastProof), LAST_HASH, difficulty);
      expect(isValidProof(lastProof, proof, LAST_HASH, difficulty)).toBe(true);
    });
  });

  it('should stop every worker when the search is aborted', async () => {
    const controller = new AbortController();
    const search = onTwoWorkers.search('100', LAST_HASH, ENDLESS, controller.signal);
    await timeout(50);
    controller.abort();
    await expect(search).rejects.toThrow('aborted');
    await onTwoWorkers.whenIdle();
  });
});

describe('ProofWorkerPool', () => {
  const pool = new ProofWorkerPool(chooseKernel('auto').kernel, 2);
  afterAll(() => pool.close());

  it('should refuse a search whose signal has already aborted', async () => {
    await expect(pool.search('100', LAST_HASH, 1, AbortSignal.abort())).rejects.toThrow('aborted');
  });

  it('should run searches one after another, each to a valid proof', async () => {
    const proofs = await Promise.all([1, 2, 3].map((difficulty) => pool.search('100', LAST_HASH, difficulty)));
    proofs.forEach((proof, index) => expect(isValidProof(100, proof, LAST_HASH, index + 1)).toBe(true));
  });

  it('should drop an aborted search from the queue without stopping the running one', async () => {
    const running = new AbortController();
    const queued = new AbortController();
    const first = pool.search('100', LAST_HASH, ENDLESS, running.signal);
    const second = pool.search('100', LAST_HASH, 1, queued.signal);
    queued.abort();
    await expect(second).rejects.toThrow('aborted');
    running.abort();
    await expect(first).rejects.toThrow('aborted');
  });

  it('should fail the search, not the pool, when the kernel throws', async () => {
    // Every kernel refuses a difficulty beyond a hash's 64 hex digits.
    await expect(pool.search('100', LAST_HASH, 65)).rejects.toThrow('difficulty must be an integer from 1 to 64');
    await expect(pool.search('100', LAST_HASH, 2)).resolves.toEqual(expect.any(Number));
  });

  it('should refuse searches, running or new, once closed', async () => {
    const closing = new ProofWorkerPool(chooseKernel('auto').kernel, 2);
    const running = expect(closing.search('100', LAST_HASH, ENDLESS)).rejects.toThrow('shut down');
    await closing.close();
    await running;
    await expect(closing.search('100', LAST_HASH, 1)).rejects.toThrow('shut down');
  });
});
