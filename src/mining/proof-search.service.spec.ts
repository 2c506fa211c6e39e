import { Logger } from '@nestjs/common';
import proofVectors from '../../test/fixtures/reference/proof-vectors.json';
import { NodeConfig } from '../config/node-config';
import { isValidProof, PythonNumber } from '../core';
import { ProofSearchService } from './proof-search.service';

const LAST_HASH = proofVectors.vectors[0].last_hash;

async function withService(settings: Partial<NodeConfig>, use: (service: ProofSearchService) => Promise<void>) {
  const service = new ProofSearchService(Object.assign(new NodeConfig(), settings));
  await service.onModuleInit();
  try {
    await use(service);
  } finally {
    await service.onModuleDestroy();
  }
}

describe(ProofSearchService.name, () => {
  let logged: jest.SpyInstance;
  beforeEach(() => (logged = jest.spyOn(Logger.prototype, 'log').mockImplementation()));
  afterEach(() => logged.mockRestore());

  it('should say at startup which kernel mines on how many threads', async () => {
    await withService({ miningThreads: 3, powKernel: 'js' }, async () => {
      expect(logged).toHaveBeenCalledWith('proof of work: pure JS fallback, 3 threads');
    });
  });

  it('should hash the last proof as Python writes it: a float stays a float', async () => {
    await withService({ miningThreads: 2 }, async (service) => {
      const lastProof = PythonNumber.float(100);
      const proof = await service.find(lastProof, LAST_HASH, 4);
      expect(isValidProof(lastProof, proof, LAST_HASH, 4)).toBe(true);
    });
  });

  it('should stop searching when the caller aborts', async () => {
    await withService({ miningThreads: 2 }, async (service) => {
      await expect(service.find(100, LAST_HASH, 32, AbortSignal.timeout(50))).rejects.toThrow();
    });
  });

  it('should answer a search the shutdown stops with a 503, not an internal error', async () => {
    const service = new ProofSearchService(Object.assign(new NodeConfig(), { miningThreads: 1 }));
    await service.onModuleInit();
    const stopped = service.find(100, LAST_HASH, 32).catch((error: unknown) => error);
    await service.onModuleDestroy();
    expect(await stopped).toMatchObject({ status: 503, message: expect.stringContaining('shutting down') });
  });
});
