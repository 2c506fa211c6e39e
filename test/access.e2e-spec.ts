import { TransactionsService } from '../src/transactions/transactions.service';
import { RunningNode, startNode } from './support/nodes';

describe('Peer registration and operator access', () => {
  const running: RunningNode[] = [];
  const start = async (overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode(overrides);
    running.push(node);
    return node;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  describe('registration', () => {
    it.each([
      ['its own address', (node: RunningNode) => `http://${node.address}`, 'is this node itself'],
      ['its own port on localhost', (node: RunningNode) => `localhost:${node.address.split(':')[1]}`, 'itself'],
      ['a link-local address', () => 'http://169.254.169.254:80', 'link-local'],
      ['an IPv6 link-local address', () => 'http://[fe80::1]:5000', 'link-local'],
      ['another scheme', () => 'ftp://127.0.0.1:21', 'only http:// and https://'],
      ['credentials', () => 'http://admin:pw@127.0.0.1:5001', 'credentials'],
      ['an empty host', () => 'http://:5001', 'is not a URL'],
    ])('should refuse %s with a 400 naming the entry, storing none of the request', async (_case, entry, reason) => {
      const node = await start();
      const bad = entry(node);
      const response = await node.http
        .post('/nodes/register')
        .send({ nodes: ['127.0.0.1:5999', bad] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'nodes[1]', rule: 'peerAddress', message: expect.stringContaining(JSON.stringify(bad)) },
      ]);
      expect(response.body.message).toContain(reason);
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should accept https peers and keep their scheme', async () => {
      const node = await start();
      await node.register('https://node.example:8443');
      await node.http.get('/nodes').expect(200, { nodes: ['https://node.example:8443'], length: 1 });
    });

    it('should only register peers that PEER_ALLOWLIST names', async () => {
      const node = await start({ peerAllowlist: ['127.0.0.0/8', 'trusted.example'] });
      await node.http
        .post('/nodes/register')
        .send({ nodes: ['10.0.0.1:5000'] })
        .expect(400, /PEER_ALLOWLIST/);
      await node.http
        .post('/nodes/register')
        .send({ nodes: ['other.example:5000'] })
        .expect(400, /PEER_ALLOWLIST/);
      await node.register('127.0.0.2:5001', 'trusted.example:5000');
    });

    it('should keep at most MAX_PEERS peers, storing none of a request that goes over', async () => {
      const node = await start({ maxPeers: 2 });
      await node.register('127.0.0.1:5001');
      const response = await node.http
        .post('/nodes/register')
        .send({ nodes: ['127.0.0.1:5001', '127.0.0.1:5002', '127.0.0.1:5003'] })
        .expect(400);
      expect(response.body.message).toContain('MAX_PEERS');
      await node.http.get('/nodes').expect(200, { nodes: ['127.0.0.1:5001'], length: 1 });
      await node.register('127.0.0.1:5001', '127.0.0.1:5002');
    });

    it('should remove a peer with DELETE /nodes/{node}', async () => {
      const node = await start();
      await node.http.post('/nodes/register').send({ nodes: ['127.0.0.1:5001', 'https://node.example:8443'] });
      await node.http
        .delete(`/nodes/${encodeURIComponent('http://127.0.0.1:5001')}`)
        .expect(200, { message: 'Node removed', total_nodes: ['https://node.example:8443'] });
      await node.http.delete(`/nodes/${encodeURIComponent('https://node.example:8443')}`).expect(200);
      await node.http.delete('/nodes/127.0.0.1:5001').expect(404);
      await node.http.delete(`/nodes/${encodeURIComponent('ftp://x')}`).expect(400);
    });
  });

  describe('API_TOKEN', () => {
    const guarded = [
      ['get', '/mine'],
      ['post', '/mine'],
      ['post', '/nodes/register'],
      ['get', '/nodes/resolve'],
      ['delete', '/nodes/127.0.0.1:5001'],
    ] as const;

    it.each(guarded)('should answer %s %s with a JSON 401 without the right token', async (method, path) => {
      const node = await start({ apiToken: 's3cret' });
      for (const header of [undefined, 'Bearer wrong', 's3cret', 'Basic s3cret']) {
        const call = node.http[method](path);
        const response = await (header ? call.set('Authorization', header) : call).send({ nodes: [] }).expect(401);
        expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
      expect((await node.http.get('/chain')).body.length).toBe(1);
    });

    it('should let the operator in with the token, and keep reads and transactions open', async () => {
      const node = await start({ apiToken: 's3cret' });
      const auth = { Authorization: 'Bearer s3cret' };
      await node.http.get('/chain').expect(200);
      await node.http.post('/transactions/new').send({ sender: 'a', recipient: 'b', amount: 1 }).expect(201);
      await node.http.get('/transactions/pending').expect(200);
      await node.http.get('/nodes').expect(200);
      await node.http.get('/mine').set(auth).expect(200);
      await node.http
        .post('/nodes/register')
        .set(auth)
        .send({ nodes: ['127.0.0.1:5001'] })
        .expect(201);
      await node.http.get('/nodes/resolve').set(auth).expect(200);
      await node.http.delete('/nodes/127.0.0.1:5001').set(auth).expect(200);
    });

    it('should leave every route open when no token is set', async () => {
      const node = await start();
      await node.http.get('/mine').expect(200);
      await node.http.get('/nodes/resolve').expect(200);
    });
  });

  it('should limit each client to RATE_LIMIT requests a window, with a JSON 429', async () => {
    const node = await start({ rateLimit: 5, rateLimitWindowMs: 60_000 });
    for (let i = 0; i < 5; i++) await node.http.get('/chain').expect(200);
    const limited = await node.http.get('/chain').expect(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      message: 'Too many requests from this client (RATE_LIMIT per RATE_LIMIT_WINDOW_MS): retry later',
      error: 'Too Many Requests',
    });
  });

  it('should count each relayed transaction against RATE_LIMIT, as if it came alone', async () => {
    const node = await start({ rateLimit: 5, rateLimitWindowMs: 60_000 });
    const batch = (...ids: string[]) => ({
      transactions: ids.map((id) => ({ relay_id: id, transaction: { sender: id, recipient: 'r', amount: 1 } })),
    });
    await node.http
      .post('/nodes/relay')
      .send(batch('a', 'b', 'c'))
      .expect(200);
    await node.http.post('/nodes/relay').send(batch('d', 'e')).expect(200);
    await node.http.post('/nodes/relay').send(batch('f')).expect(429);
    const pending = node.app.get(TransactionsService).pending().transactions;
    expect(pending.map(({ sender }) => sender)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
