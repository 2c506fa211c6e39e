// The module, not the core's index: worker threads load less.
import { searchProofAfterText } from '../../core/proof-of-work';
import { loadNativeAddon, NativeSearch } from './native-addon';
import type { PowKernelSetting } from '../../config/pow-kernel-setting';

export type ProofKernelId = 'sha-ni' | 'portable-c' | 'js';

/** One way to try a run of proofs: start, start + step, ... (`count` of them); null when none is valid. */
export interface ProofKernel {
  id: ProofKernelId;
  description: string;
  /** Proofs a worker tries between looks at the cancel flag: some 20 ms of hashing. */
  batchSize: number;
  search(
    lastProofText: string,
    lastHash: string,
    difficulty: number,
    start: number,
    count: number,
    step: number,
  ): number | null;
}

function nativeKernel(id: ProofKernelId, description: string, batchSize: number, search: NativeSearch): ProofKernel {
  return {
    id,
    description,
    batchSize,
    search: (...args) => {
      const proof = search(...args);
      return proof < 0 ? null : proof;
    },
  };
}

const JS_KERNEL: ProofKernel = {
  id: 'js',
  description: 'pure JS fallback',
  batchSize: 1 << 14,
  search: searchProofAfterText,
};

/** The native kernels this machine can run, fastest first, or why there are none. */
export function nativeKernels(): { kernels: ProofKernel[]; problem?: string } {
  const load = loadNativeAddon();
  if (!load.addon) return { kernels: [], problem: load.problem };
  const { searchShaNi, searchPortable } = load.addon;
  const portable = nativeKernel('portable-c', 'native portable C kernel', 1 << 16, searchPortable);
  if (!searchShaNi) return { kernels: [portable] };
  return { kernels: [nativeKernel('sha-ni', 'native SHA-NI kernel', 1 << 18, searchShaNi), portable] };
}

/** Every kernel this machine can run, fastest first. */
export function availableKernels(): ProofKernel[] {
  return [...nativeKernels().kernels, JS_KERNEL];
}

export function kernelById(id: ProofKernelId): ProofKernel {
  const kernel = availableKernels().find((candidate) => candidate.id === id);
  if (!kernel) throw new Error(`proof-of-work kernel ${id} is not available here`);
  return kernel;
}

/** The kernel for the POW_KERNEL setting; `fallbackReason` says why `auto` had to settle for pure JS. */
export function chooseKernel(setting: PowKernelSetting): { kernel: ProofKernel; fallbackReason?: string } {
  if (setting === 'js') return { kernel: JS_KERNEL };
  const { kernels, problem } = nativeKernels();
  if (kernels.length > 0) return { kernel: kernels[0] };
  if (setting === 'native') throw new Error(`POW_KERNEL=native, but the native kernel is unavailable: ${problem}`);
  return { kernel: JS_KERNEL, fallbackReason: problem };
}
