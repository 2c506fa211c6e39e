import type { PeerStatus, Resolution } from './consensus.service';

export const FIRST_ANNOUNCED_RESOLVE_GAP_MS = 1000;
export const LONGEST_ANNOUNCED_RESOLVE_GAP_MS = 60_000;

/** A peer that did not answer told nothing about its chain: it may be the very peer that announced. */
const SILENT: ReadonlySet<PeerStatus> = new Set(['unreachable', 'timeout']);

/**
 * How long after one announced resolve the next may start. Announcements cost the sender nothing and a resolve asks
 * every peer: one a second at most, and ever more rarely (doubling, down to one a minute) while resolves prove the
 * announcements false: every peer answered, none with a better valid chain, and our chain is still shorter than
 * announced. A resolve that some peer did not answer proves nothing (during a network split the announcer is cut
 * off, and the next announcement after the heal must be heard at once), so it leaves the gap as it was. One that
 * replaced our chain, or after which our chain holds the announced height (another path brought the blocks first),
 * found the announcements true: the gap comes back to a second.
 */
export class AnnouncedResolveGap {
  private lastStart = -Infinity;
  private gapMs = FIRST_ANNOUNCED_RESOLVE_GAP_MS;

  /** How long from `now` until the next resolve may start: 0 when it may start now. */
  waitMs(now: number): number {
    return Math.max(0, this.lastStart + this.gapMs - now);
  }

  started(now: number): void {
    this.lastStart = now;
  }

  /** `reachedAnnounced`: whether our chain, after the resolve, is as long as the announcements said. */
  finished({ replaced, peers }: Resolution, reachedAnnounced: boolean): void {
    if (replaced || reachedAnnounced) this.gapMs = FIRST_ANNOUNCED_RESOLVE_GAP_MS;
    else if (peers.every(({ status }) => !SILENT.has(status))) {
      this.gapMs = Math.min(2 * this.gapMs, LONGEST_ANNOUNCED_RESOLVE_GAP_MS);
    }
  }
}
