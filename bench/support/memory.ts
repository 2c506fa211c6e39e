import { readFileSync } from 'node:fs';

/** A process's resident memory now and at its peak so far, in MB (Linux /proc). */
export function residentMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

export function formatMb(mb: number): string {
  return `${Math.round(mb)} MB`;
}
