import { RunningNode, startNode } from './support/nodes';
import { parsePrometheusText, PrometheusSample } from './support/prometheus-text';

type Families = PrometheusSample[];

async function scrape(node: RunningNode): Promise<Families> {
  const response = await node.http.get('/metrics').expect(200);
  expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(response.text);
}

/** The value of the sample `name` (a histogram's count) whose labels include `labels`. */
function sample(samples: Families, name: string, labels: Record<string, string> = {}): number {
  const found = samples.find(
    (candidate) =>
      (candidate.name === name || candidate.name === `${name}_count`) &&
      Object.entries(labels).every(([key, value]) => candidate.labels[key] === value),
  );
  if (!found) throw new Error(`no sample of ${name} with ${JSON.stringify(labels)}`);
  return found.value;
}

describe('GET /metrics', () => {
  const nodes: RunningNode[] = [];

  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
  });

  const start = async () => {
    const node = await startNode({ difficulty: 2, syncIntervalMs: 0 });
    nodes.push(node);
    return node;
  };

  it("should serve Prometheus text whose height, pending count and block counters follow the node's chain", async () => {
    const node = await start();
    for (const sender of ['a', 'b', 'c']) {
      await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 }).expect(201);
    }
    let families = await scrape(node);
    expect(sample(families, 'blockchain_chain_height')).toBe(1);
    expect(sample(families, 'blockchain_pending_transactions')).toBe(3);
    expect(sample(families, 'blockchain_transaction_commit_group_size')).toBeGreaterThanOrEqual(1);

    await node.http.get('/mine').expect(200);
    await node.http.get('/mine').expect(200);
    families = await scrape(node);
    expect(sample(families, 'blockchain_chain_height')).toBe((await node.chain()).length);
    expect(sample(families, 'blockchain_chain_height')).toBe(3);
    expect(sample(families, 'blockchain_pending_transactions')).toBe(0);
    expect(sample(families, 'blockchain_blocks_added_total', { source: 'mined' })).toBe(2);
    expect(sample(families, 'blockchain_proof_search_duration_seconds')).toBe(2);
    expect(sample(families, 'blockchain_proof_search_hashes_total')).toBeGreaterThan(0);
    expect(sample(families, 'blockchain_tip_age_seconds')).toBeLessThan(60);
    expect(sample(families, 'blockchain_database_size_bytes')).toBeGreaterThan(0);
    expect(sample(families, 'http_request_duration_seconds', { route: '/mine', status_code: '200' })).toBe(2);
    expect(sample(families, 'http_request_duration_seconds', { route: '/transactions/new', method: 'POST' })).toBe(3);
    expect(sample(families, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('should count an adopted chain, the reorg it made, the resolve and what each peer answered', async () => {
    const [node, peer] = [await start(), await start()];
    await node.http.get('/mine').expect(200);
    for (let i = 0; i < 3; i++) await peer.http.get('/mine').expect(200);
    await node.register(peer.address, '127.0.0.1:1');

    const resolved = await node.http.get('/nodes/resolve').expect(200);
    expect(resolved.body.message).toBe('Our chain was replaced');
    const families = await scrape(node);
    expect(sample(families, 'blockchain_chain_height')).toBe(4);
    // Each node made its own genesis: every block of ours was dropped, genesis included.
    expect(sample(families, 'blockchain_blocks_added_total', { source: 'adopted' })).toBe(4);
    expect(sample(families, 'blockchain_blocks_dropped_total')).toBe(2);
    expect(sample(families, 'blockchain_reorg_depth_blocks')).toBe(1);
    expect(sample(families, 'blockchain_resolve_duration_seconds')).toBe(1);
    expect(sample(families, 'blockchain_resolve_received_bytes_total')).toBeGreaterThan(0);
    expect(sample(families, 'blockchain_peers', { status: 'ok' })).toBe(1);
    expect(sample(families, 'blockchain_peers', { status: 'unreachable' })).toBe(1);
  });
});
