import { readdirSync, readFileSync } from 'node:fs';
import { chooseKernel } from './proof-kernels';
import { ProofWorkerPool } from './proof-worker-pool';

/** Threads of this process at nice 19: Linux keeps a nice value per thread. Alone in its file, so no other pool runs. */
function lowestPriorityThreads(): number {
  return readdirSync('/proc/self/task').filter((thread) => {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '19';
  }).length;
}

(process.platform === 'linux' ? it : it.skip)(
  'should hash at the lowest CPU priority, below the event loop',
  async () => {
    const before = lowestPriorityThreads();
    const pool = new ProofWorkerPool(chooseKernel('auto').kernel, 2);
    try {
      await pool.search('100', '0'.repeat(64), 1);
      await pool.whenIdle(); // both workers started and answered
      expect(lowestPriorityThreads()).toBe(before + 2);
    } finally {
      await pool.close();
    }
  },
);
