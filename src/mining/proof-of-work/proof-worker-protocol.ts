import type { ProofKernelId } from './proof-kernels';

export interface ProofWorkerData {
  kernel: ProofKernelId;
  /** The job workers should be working on; any other value (0 when idle) tells them to stop. */
  currentJob: Int32Array;
}

/** Search proofs start, start + step, ... for `job` until one is valid or the job changes. */
export interface ProofTask {
  job: number;
  lastProofText: string;
  lastHash: string;
  difficulty: number;
  start: number;
  step: number;
}

/** A worker's one answer per task: the proof it found, null once the job stopped, or what the kernel threw. */
export type ProofTaskResult = { job: number; proof: number | null } | { job: number; error: unknown };

/** What a worker posts: once `loaded` (its code is in memory), then one result per task. */
export type ProofWorkerMessage = { loaded: true } | ProofTaskResult;
