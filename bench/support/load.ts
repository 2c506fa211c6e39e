import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Successful (2xx) answers per second. */
  rate: number;
  successes: number;
  failures: number;
  /** 99th percentile of the answers' latency. */
  p99Ms: number;
}

/** Drives `connections` clients, each sending its next request as soon as the last is answered, for `seconds`. */
export async function measureLoad({
  url,
  method = 'GET',
  body,
  connections,
  seconds,
}: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method,
    body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    timeout: 10,
  });
  return {
    rate: result['2xx'] / (result.duration || seconds),
    successes: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    p99Ms: result.latency.p99,
  };
}
