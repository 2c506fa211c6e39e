import { readFileSync } from 'node:fs';
import proofVectors from '../../../test/fixtures/reference/proof-vectors.json';
import { JsonNumber, PythonNumber, pythonNumberText, searchProof } from '../../core';
import { availableKernels, chooseKernel, nativeKernels } from './proof-kernels';

const LAST_HASH = proofVectors.vectors[0].last_hash;

/** Last proofs whose text puts the proof's digits in the first, second and third SHA-256 block. */
const LAST_PROOFS: [string, JsonNumber][] = [
  ['an integer', 100],
  ['an integral float', PythonNumber.float(100)],
  ['a float in exponent form', 2.5e-7],
  ['a big integer longer than a block', PythonNumber.integer('9'.repeat(70))],
  ['a big integer longer than two blocks', PythonNumber.integer('1234567890'.repeat(14))],
];

function cpuHasShaNi(): boolean | undefined {
  try {
    return / sha_ni( |$)/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return undefined;
  }
}

describe('proof-of-work kernels', () => {
  it('should have the native kernel that npm install builds', () => {
    expect(nativeKernels().problem).toBeUndefined();
    expect(chooseKernel('auto').kernel.id).not.toBe('js');
  });

  (cpuHasShaNi() === undefined ? it.skip : it)('should use SHA-NI exactly when the CPU has it', () => {
    expect(nativeKernels().kernels.some((kernel) => kernel.id === 'sha-ni')).toBe(cpuHasShaNi());
  });

  it('should take pure JS when told to', () => {
    expect(chooseKernel('js').kernel.id).toBe('js');
  });

  describe.each(availableKernels().map((kernel) => [kernel.id, kernel] as const))('%s', (_id, kernel) => {
    describe.each(proofVectors.vectors)('reference vector after proof $last_proof', (vector) => {
      const lastProofText = String(vector.last_proof);
      const { last_hash: lastHash, difficulty, first_valid_proof: firstValid } = vector;

      it('should find the first valid proof counting up from 0, as the reference does', () => {
        expect(kernel.search(lastProofText, lastHash, difficulty, 0, 1_000_000, 1)).toBe(firstValid);
      });

      it('should find it on the share of the worker that owns it', () => {
        expect(kernel.search(lastProofText, lastHash, difficulty, firstValid % 3, 1_000_000, 3)).toBe(firstValid);
      });

      it('should give up after the number of proofs it was given', () => {
        expect(kernel.search(lastProofText, lastHash, difficulty, 0, firstValid, 1)).toBeNull();
      });
    });

    it.each(LAST_PROOFS)('should find what the pure search finds after %s', (_name, lastProof) => {
      const expected = searchProof(lastProof, LAST_HASH, 3, 0, 100_000);
      expect(expected).not.toBeNull();
      expect(kernel.search(pythonNumberText(lastProof), LAST_HASH, 3, 0, 100_000, 1)).toBe(expected);
    });

    it.each([9, 99_990, 999_999_998])('should count on correctly when proofs from %i gain a digit', (start) => {
      for (let proofsBefore = 0; proofsBefore < 3; proofsBefore++) {
        const expected = searchProof(100, LAST_HASH, 2, start, 2_000, 7);
        expect(kernel.search('100', LAST_HASH, 2, start, 2_000, 7)).toBe(expected);
        start = expected! + 7;
      }
    });
  });

  describe.each(nativeKernels().kernels.map((kernel) => [kernel.id, kernel] as const))('%s', (_id, kernel) => {
    it('should refuse proofs a JS number cannot hold exactly', () => {
      expect(() => kernel.search('100', LAST_HASH, 4, 2 ** 53, 10, 1)).toThrow('start must be a safe');
      expect(() => kernel.search('100', LAST_HASH, 4, 2 ** 53 - 10, 100, 1)).toThrow('count must keep every proof');
    });

    it('should refuse a difficulty beyond the 64 hex digits of a hash', () => {
      expect(() => kernel.search('100', LAST_HASH, 65, 0, 10, 1)).toThrow('difficulty must be an integer from 1 to 64');
    });
  });
});
