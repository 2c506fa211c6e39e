import type { AnswerQuestion, AnswerReading, ChainRules } from '../../core';

/** A peer's answer to read (and check) off the event loop. */
export interface AnswerCheckTask {
  id: number;
  text: string;
  question: AnswerQuestion;
  rules: ChainRules;
}

export type AnswerCheckResult = { id: number; reading: AnswerReading } | { id: number; error: string };
