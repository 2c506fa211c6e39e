import type { AnswerQuestion, AnswerReading, BlockBatch, ChainRules } from '../../core';

/**
 * A peer's answer to read (and check) off the event loop: a whole answer's bytes, or a batch of a streamed chain's
 * blocks.
 */
export type AnswerCheckTask = { id: number; rules: ChainRules } & (
  { bytes: Uint8Array; question: AnswerQuestion } | { batch: BlockBatch }
);

export type AnswerCheckResult = { id: number; reading: AnswerReading } | { id: number; error: string };

/** What a worker posts once it has loaded its code, before any task. */
export interface AnswerCheckLoaded {
  loaded: true;
}
