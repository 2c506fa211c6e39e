import type { PeerStatus } from './consensus.service';

/** Why a peer's part of a resolve ended, with the status it gets. */
export class PeerFailure extends Error {
  constructor(
    readonly status: PeerStatus,
    reason: string,
  ) {
    super(reason);
  }
}
