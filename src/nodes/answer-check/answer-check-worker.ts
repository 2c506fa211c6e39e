import { parentPort } from 'node:worker_threads';
import { checkBlockBatch, readPeerAnswerBytes } from '../../core';
import type { AnswerCheckLoaded, AnswerCheckResult, AnswerCheckTask } from './answer-check-protocol';

/** A worker thread that parses and checks peers' answers, so that a long chain never holds up a request. */
function answer(task: AnswerCheckTask): AnswerCheckResult {
  try {
    const reading =
      'batch' in task
        ? checkBlockBatch(task.batch, task.rules)
        : readPeerAnswerBytes(task.bytes, task.question, task.rules);
    return { id: task.id, reading };
  } catch (error) {
    // Answered, not thrown: the pool then knows which task failed, and the worker lives on.
    return { id: task.id, error: (error as Error).message };
  }
}

parentPort!.on('message', (task: AnswerCheckTask) => parentPort!.postMessage(answer(task)));
parentPort!.postMessage({ loaded: true } satisfies AnswerCheckLoaded);
