import type { PeerStatus, Resolution } from './consensus.service';

export const FIRST_ANNOUNCED_RESOLVE_GAP_MS = 1000;
export const LONGEST_ANNOUNCED_RESOLVE_GAP_MS = 60_000;

/** A peer that did not answer told nothing about its chain: it may be the very peer that announced. */
const SILENT: ReadonlySet<PeerStatus> = new Set(['unreachable', 'timeout']);

/**
 * How long after one announced resolve the next may start. Announcements cost the sender nothing and a resolve asks
 * every peer: one a second at most, and ever more rarely (doubling, down to one a minute) while resolves prove the
 * announcements false, every peer answering and none with a better valid chain. A resolve that some peer did not
 * answer proves nothing (during a network split the announcer is cut off, and the next announcement after the heal
 * must be heard at once), so it leaves the gap as it was; one that replaced our chain brings it back to a second.
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

  finished({ replaced, peers }: Resolution): void {
    if (replaced) this.gapMs = FIRST_ANNOUNCED_RESOLVE_GAP_MS;
    else if (peers.every(({ status }) => !SILENT.has(status))) {
      this.gapMs = Math.min(2 * this.gapMs, LONGEST_ANNOUNCED_RESOLVE_GAP_MS);
    }
  }
}
