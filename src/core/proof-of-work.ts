import { JsonNumber, pythonNumberText } from './python-json';
import { sha256Hex } from './sha256';

export const DEFAULT_DIFFICULTY = 4;

/** What the reference hashes to check a proof: `f"{last_proof}{proof}{last_hash}"`. */
export function proofGuess(lastProof: JsonNumber, proof: JsonNumber, lastHash: string): string {
  return `${pythonNumberText(lastProof)}${pythonNumberText(proof)}${lastHash}`;
}

export function hasLeadingZeros(hexDigest: string, difficulty: number): boolean {
  for (let i = 0; i < difficulty; i++) if (hexDigest.charCodeAt(i) !== 48) return false;
  return true;
}

export function isValidProof(lastProof: JsonNumber, proof: JsonNumber, lastHash: string, difficulty: number): boolean {
  return hasLeadingZeros(sha256Hex(proofGuess(lastProof, proof, lastHash)), difficulty);
}

/**
 * Tries proofs from `start` upwards in steps of `step` (so workers can share the nonce space) and returns the
 * first valid one, or null when `count` candidates failed. The plain-crypto path: correct everywhere, not fast.
 */
export function searchProof(
  lastProof: JsonNumber,
  lastHash: string,
  difficulty: number,
  start: number,
  count: number,
  step = 1,
): number | null {
  return searchProofAfterText(pythonNumberText(lastProof), lastHash, difficulty, start, count, step);
}

/** `searchProof` for a last proof already in its Python text, the form that crosses to worker threads. */
export function searchProofAfterText(
  lastProofText: string,
  lastHash: string,
  difficulty: number,
  start: number,
  count: number,
  step = 1,
): number | null {
  // A difficulty beyond a digest's 64 hex digits can never be met: the search would never end.
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 64) {
    throw new RangeError('difficulty must be an integer from 1 to 64');
  }
  for (let i = 0, proof = start; i < count; i++, proof += step) {
    if (hasLeadingZeros(sha256Hex(`${lastProofText}${proof}${lastHash}`), difficulty)) return proof;
  }
  return null;
}
