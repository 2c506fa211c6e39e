import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { kernelById } from './proof-kernels';
import type { ProofTask, ProofTaskResult, ProofWorkerData, ProofWorkerMessage } from './proof-worker-protocol';

/** A proof-of-work worker thread: runs the kernel in batches, checking the shared job flag between batches. */
const { kernel: kernelId, currentJob } = workerData as ProofWorkerData;
const kernel = kernelById(kernelId);

// Linux keeps a nice value per thread: hashing then yields the cores to the event loop whenever it has work.
if (process.platform === 'linux') setPriority(constants.priority.PRIORITY_LOW);

function work(task: ProofTask): ProofTaskResult {
  const stride = task.step * kernel.batchSize;
  for (let start = task.start; Atomics.load(currentJob, 0) === task.job; start += stride) {
    const proof = kernel.search(task.lastProofText, task.lastHash, task.difficulty, start, kernel.batchSize, task.step);
    if (proof !== null) return { job: task.job, proof };
  }
  return { job: task.job, proof: null };
}

function answer(task: ProofTask): ProofTaskResult {
  try {
    return work(task);
  } catch (error) {
    // Answered, not thrown: the pool then knows which search failed, and the worker lives on.
    return { job: task.job, error };
  }
}

parentPort!.on('message', (task: ProofTask) => parentPort!.postMessage(answer(task)));
parentPort!.postMessage({ loaded: true } satisfies ProofWorkerMessage);
