/** A node's tip at a moment: its chain's length and its tip's hash. */
export interface TipAt {
  atMs: number;
  length: number;
  hash: string;
  /** How it came: `mined`, `announced`, ... for a block appended, `resolved` for a chain replaced. */
  way?: string;
}

/**
 * When a node came to hold a block of the final chain: the first moment its tip was that block or a later block of
 * the same chain (holding a block's descendant means holding the block). Undefined if it never did.
 */
export function heldSince(timeline: TipAt[], finalHashes: string[], index: number): number | undefined {
  return firstHolding(timeline, finalHashes, index)?.atMs;
}

/** The change that made a node hold a block of the final chain (see `heldSince`). */
export function firstHolding(timeline: TipAt[], finalHashes: string[], index: number): TipAt | undefined {
  return timeline.find(({ length, hash }) => length >= index && finalHashes[length - 1] === hash);
}

/** The first moment at or after `fromMs` when every node's tip was the same block, if there was one. */
export function agreedSince(timelines: TipAt[][], fromMs: number): number | undefined {
  const moments = [...new Set(timelines.flat().map(({ atMs }) => Math.max(atMs, fromMs)))].sort((a, b) => a - b);
  for (const moment of moments) {
    const tips = timelines.map((timeline) => timeline.filter(({ atMs }) => atMs <= moment).at(-1)?.hash);
    if (tips[0] !== undefined && tips.every((hash) => hash === tips[0])) return moment;
  }
  return undefined;
}
