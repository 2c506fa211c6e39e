import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small RAM disk of its own: a disk that really fills under a running node. */
export interface Tmpfs {
  path: string;
  /** Bytes still free for files. */
  free(): number;
  unmount(): void;
}

/** Mounts a tmpfs of `bytes`, or returns null where that takes privileges this run lacks (not root, not Linux). */
export function mountTmpfs(bytes: number): Tmpfs | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const path = mkdtempSync(join(tmpdir(), 'blockchain-node-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    rmdirSync(path);
    return null;
  }
  return {
    path,
    free: () => {
      const stats = statfsSync(path);
      return stats.bavail * stats.bsize;
    },
    unmount: () => {
      execFileSync('umount', ['-l', path], { stdio: 'ignore' });
      rmdirSync(path);
    },
  };
}
