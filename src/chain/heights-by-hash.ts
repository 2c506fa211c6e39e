/** How many hex digits of a hash key its entry: 28 bits, an integer V8 keeps unboxed, so an entry is a few words. */
export const HASH_KEY_DIGITS = 7;

/**
 * Block heights by hash, held in memory so that the `blocks` table needs no index on its random hashes (see
 * `BlockEntity.hash`). Keyed by a hash's first digits, so the few hashes sharing a key share an entry: what it gives
 * are candidate heights, of which the caller keeps the one whose stored hash is the one asked for. So nothing needs
 * removing: a block dropped by a reorganization, or written by a write that was rolled back, leaves a candidate that
 * no longer matches.
 */
export class HeightsByHash {
  private readonly heights = new Map<number, number | number[]>();

  add(hash: string, height: number): void {
    this.addKey(hash.slice(0, HASH_KEY_DIGITS), height);
  }

  /** Adds a height under a hash's first `HASH_KEY_DIGITS` digits. */
  addKey(digits: string, height: number): void {
    const key = parseInt(digits, 16);
    const known = this.heights.get(key);
    if (known === undefined) this.heights.set(key, height);
    else if (typeof known === 'number') {
      if (known !== height) this.heights.set(key, [known, height]);
    } else if (!known.includes(height)) known.push(height);
  }

  /** Heights that may hold the block with this hash. */
  candidates(hash: string): number[] {
    const known = this.heights.get(parseInt(hash.slice(0, HASH_KEY_DIGITS), 16));
    return known === undefined ? [] : typeof known === 'number' ? [known] : known;
  }
}
