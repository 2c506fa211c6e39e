import {
  AnnouncedResolveGap,
  FIRST_ANNOUNCED_RESOLVE_GAP_MS,
  LONGEST_ANNOUNCED_RESOLVE_GAP_MS,
} from './announced-resolve-gap';
import type { PeerStatus, Resolution } from './consensus.service';

const resolution = (replaced: boolean, ...statuses: PeerStatus[]): Resolution => ({
  replaced,
  peers: statuses.map((status, position) => ({ node: `peer-${position}:5000`, status })),
});

/** The gap after resolves started at 0 that ended as `ended`, our chain still short of the announced height. */
function gapAfter(...ended: Resolution[]): number {
  const gap = new AnnouncedResolveGap();
  for (const resolved of ended) {
    gap.started(0);
    gap.finished(resolved, false);
  }
  return gap.waitMs(0);
}

describe('AnnouncedResolveGap', () => {
  it('should let the first resolve start at once, and the next one a second after it started', () => {
    const gap = new AnnouncedResolveGap();
    expect(gap.waitMs(5000)).toBe(0);
    gap.started(5000);
    expect(gap.waitMs(5000)).toBe(FIRST_ANNOUNCED_RESOLVE_GAP_MS);
    expect(gap.waitMs(5400)).toBe(FIRST_ANNOUNCED_RESOLVE_GAP_MS - 400);
    expect(gap.waitMs(5000 + FIRST_ANNOUNCED_RESOLVE_GAP_MS)).toBe(0);
  });

  it('should double the gap, up to a minute, while every peer answers and none has a better chain', () => {
    const disproved = resolution(false, 'ok', 'invalid', 'bad-response', 'too-large');
    expect(gapAfter(disproved)).toBe(2 * FIRST_ANNOUNCED_RESOLVE_GAP_MS);
    expect(gapAfter(disproved, disproved, disproved)).toBe(8 * FIRST_ANNOUNCED_RESOLVE_GAP_MS);
    expect(gapAfter(...Array<Resolution>(20).fill(disproved))).toBe(LONGEST_ANNOUNCED_RESOLVE_GAP_MS);
  });

  it.each<PeerStatus>(['unreachable', 'timeout'])(
    'should leave the gap as it was after a resolve that a peer did not answer (%s)',
    (silent) => {
      const disproved = resolution(false, 'ok');
      const unanswered = resolution(false, 'ok', silent);
      expect(gapAfter(unanswered)).toBe(FIRST_ANNOUNCED_RESOLVE_GAP_MS);
      expect(gapAfter(disproved, disproved, unanswered, unanswered)).toBe(4 * FIRST_ANNOUNCED_RESOLVE_GAP_MS);
    },
  );

  it('should come back to a second after a resolve that replaced the chain, whoever did not answer', () => {
    const disproved = resolution(false, 'ok');
    expect(gapAfter(disproved, disproved, resolution(true, 'ok', 'unreachable'))).toBe(FIRST_ANNOUNCED_RESOLVE_GAP_MS);
  });

  it('should come back to a second when our chain reached the announced height by another path', () => {
    const gap = new AnnouncedResolveGap();
    gap.started(0);
    gap.finished(resolution(false, 'ok'), false);
    gap.started(0);
    gap.finished(resolution(false, 'ok'), true);
    expect(gap.waitMs(0)).toBe(FIRST_ANNOUNCED_RESOLVE_GAP_MS);
  });
});
