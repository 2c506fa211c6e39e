import type { AnswerReading } from '../core';
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

/**
 * What the answer-check threads made of a peer's answer, once it is read; a refusal thrown as the peer's failure, and
 * so is a thread that died on the answer (out of memory on a hostile one, say): it cannot be adopted.
 */
export async function readAnswer(
  checking: Promise<AnswerReading>,
): Promise<Extract<AnswerReading, { outcome: 'read' }>> {
  let reading: AnswerReading;
  try {
    reading = await checking;
  } catch (error) {
    throw new PeerFailure('invalid', `its answer cannot be checked: ${(error as Error).message}`);
  }
  if (reading.outcome === 'read') return reading;
  const at = reading.index === undefined ? '' : `block ${reading.index}: `;
  throw new PeerFailure(reading.outcome, `${at}${reading.reason}`);
}
