import { parentPort } from 'node:worker_threads';
import { readPeerAnswer } from '../../core';
import type { AnswerCheckResult, AnswerCheckTask } from './answer-check-protocol';

/** A worker thread that parses and checks peers' answers, so that a long chain never holds up a request. */
function answer({ id, text, question, rules }: AnswerCheckTask): AnswerCheckResult {
  try {
    return { id, reading: readPeerAnswer(text, question, rules) };
  } catch (error) {
    // Answered, not thrown: the pool then knows which task failed, and the worker lives on.
    return { id, error: (error as Error).message };
  }
}

parentPort!.on('message', (task: AnswerCheckTask) => parentPort!.postMessage(answer(task)));
