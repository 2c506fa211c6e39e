import { percentile } from './report';

/** p99 of GET `url`, in milliseconds, over `requests` sequential requests, each read to its end. */
export async function sequentialP99(url: string, requests: number): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = process.hrtime.bigint();
    await (await fetch(url)).arrayBuffer();
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return percentile(latencies, 0.99);
}
