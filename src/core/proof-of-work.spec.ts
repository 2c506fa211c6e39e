import proofVectors from '../../test/fixtures/reference/proof-vectors.json';
import { isValidProof, proofGuess, searchProof, sha256Hex } from './index';
import { PythonNumber } from './python-json';

describe('proof of work', () => {
  describe.each(proofVectors.vectors)('reference vector after proof $last_proof', (vector) => {
    it('should build the reference guess text', () => {
      expect(proofGuess(vector.last_proof, vector.first_valid_proof, vector.last_hash)).toBe(vector.guess);
      expect(sha256Hex(vector.guess)).toBe(vector.guess_sha256);
    });

    it('should accept the first valid proof', () => {
      expect(isValidProof(vector.last_proof, vector.first_valid_proof, vector.last_hash, vector.difficulty)).toBe(true);
    });

    it.each(vector.invalid_examples)('should refuse proof %p', (proof) => {
      expect(isValidProof(vector.last_proof, proof, vector.last_hash, vector.difficulty)).toBe(false);
    });

    it('should find the same first valid proof as the reference', () => {
      expect(searchProof(vector.last_proof, vector.last_hash, vector.difficulty, 0, 1_000_000)).toBe(
        vector.first_valid_proof,
      );
    });

    it('should find it too when the nonce space is split between workers', () => {
      const worker = vector.first_valid_proof % 3;
      expect(searchProof(vector.last_proof, vector.last_hash, vector.difficulty, worker, 1_000_000, 3)).toBe(
        vector.first_valid_proof,
      );
    });
  });

  it.each([0, 65, 2.5])('should refuse difficulty %p rather than search forever', (difficulty) => {
    expect(() => searchProof(100, 'h', difficulty, 0, 10)).toThrow('difficulty must be an integer from 1 to 64');
  });

  it('should give up after the number of candidates it was given', () => {
    const [vector] = proofVectors.vectors;
    expect(searchProof(vector.last_proof, vector.last_hash, vector.difficulty, 0, vector.first_valid_proof)).toBeNull();
  });

  it('should format a float proof as Python str() does', () => {
    expect(proofGuess(PythonNumber.float(100), 1, 'h')).toBe('100.01h');
  });
});
