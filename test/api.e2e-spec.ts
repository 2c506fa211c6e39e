import { SqliteError } from 'better-sqlite3';
import { hashBlock, isValidProof } from '../src/core';
import { PendingTransactionStore } from '../src/transactions/pending-transaction.store';
import { RunningNode, startNode } from './support/nodes';

describe('The tutorial API', () => {
  let node: RunningNode;

  beforeEach(async () => {
    node = await startNode();
  });

  afterEach(async () => {
    await node.close();
  });

  describe('GET /chain', () => {
    it('should start with the tutorial genesis block', async () => {
      const response = await node.http
        .get('/chain')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      expect(response.body).toEqual({
        chain: [{ index: 1, previous_hash: '1', proof: 100, timestamp: expect.any(Number), transactions: [] }],
        length: 1,
      });
    });

    it('should answer as Flask does: compact, keys sorted', async () => {
      const response = await node.http.get('/chain');
      expect(response.text).toMatch(
        /^\{"chain":\[\{"index":1,"previous_hash":"1","proof":100,"timestamp":[\d.]+,"transactions":\[\]\}\],"length":1\}$/,
      );
    });
  });

  describe('POST /transactions/new', () => {
    it('should accept a transaction for the next block', async () => {
      await node.http
        .post('/transactions/new')
        .send({ sender: 'alice', recipient: 'bob', amount: 5 })
        .expect(201, { message: 'Transaction will be added to Block 2' });
      const pending = await node.http.get('/transactions/pending').expect(200);
      expect(pending.body).toEqual({ transactions: [{ sender: 'alice', recipient: 'bob', amount: 5 }], length: 1 });
    });

    it('should store each of many concurrent transactions once, each answered with the next block', async () => {
      const senders = Array.from({ length: 40 }, (_, i) => `s${i}`);
      const responses = await Promise.all(
        senders.map((sender) => node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 })),
      );
      for (const response of responses) {
        expect(response.status).toBe(201);
        expect(response.body).toEqual({ message: 'Transaction will be added to Block 2' });
      }
      const pending = await node.http.get('/transactions/pending').expect(200);
      expect(
        (pending.body.transactions as { sender: string }[]).map((transaction) => transaction.sender).sort(),
      ).toEqual(senders.sort());
    });

    it('should answer 503 to every transaction of a group whose commit failed, and store none of them', async () => {
      const failing = jest.spyOn(node.app.get(PendingTransactionStore), 'insert').mockImplementation(() => {
        throw new SqliteError('disk I/O error', 'SQLITE_IOERR');
      });
      const responses = await Promise.all(
        ['a', 'b', 'c'].map((sender) =>
          node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 }),
        ),
      );
      failing.mockRestore();
      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({
          statusCode: 503,
          message: 'Nothing was stored: the database write failed (SQLITE_IOERR). Retry later.',
          error: 'Service Unavailable',
        });
      }
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
      await node.http.post('/transactions/new').send({ sender: 'd', recipient: 'r', amount: 1 }).expect(201);
    });

    it('should ignore unknown fields, like the reference', async () => {
      await node.http.post('/transactions/new').send({ sender: 'a', recipient: 'b', amount: 1, memo: 'x' }).expect(201);
      const pending = await node.http.get('/transactions/pending');
      expect(pending.body.transactions).toEqual([{ sender: 'a', recipient: 'b', amount: 1 }]);
    });

    it('should keep non-ASCII names and fractional amounts exactly', async () => {
      await node.http.post('/transactions/new').send({ sender: 'Zoë', recipient: '北京 😀', amount: 1e-7 }).expect(201);
      const pending = await node.http.get('/transactions/pending');
      expect(pending.text).toBe(
        '{"length":1,"transactions":[{"amount":1e-07,"recipient":"\\u5317\\u4eac \\ud83d\\ude00","sender":"Zo\\u00eb"}]}',
      );
    });

    it('should keep each amount the JSON kind it was written with (5.0 stays a float), into the block', async () => {
      for (const amount of ['5.0', '12345678901234567890', '2.5e+16']) {
        await node.http
          .post('/transactions/new')
          .set('Content-Type', 'application/json')
          .send(`{"sender": "a", "recipient": "b", "amount": ${amount}}`)
          .expect(201);
      }
      const expected = '"amount":5.0,"recipient":"b","sender":"a"},{"amount":12345678901234567890,"recipient":"b",';
      expect((await node.http.get('/transactions/pending')).text).toContain(expected);
      expect((await node.http.get('/transactions/pending')).text).toContain('"amount":2.5e+16,');
      expect((await node.http.get('/mine').expect(200)).text).toContain(expected);
    });

    const missing = (field: string) => ({ field, rule: 'required', message: `${field} is missing` });
    const notString = (field: string) => ({ field, rule: 'isString', message: `${field} must be a string` });
    const notNumber = { field: 'amount', rule: 'isNumber', message: 'amount must be a finite number' };
    const notAboveZero = { field: 'amount', rule: 'isPositive', message: 'amount must be above zero' };

    it.each([
      ['an empty body', {}, [missing('sender'), missing('recipient'), missing('amount')]],
      ['a missing sender', { recipient: 'b', amount: 1 }, [missing('sender')]],
      ['a missing amount', { sender: 'a', recipient: 'b' }, [missing('amount')]],
      [
        'a missing amount and a numeric sender',
        { sender: 1, recipient: 'b' },
        [notString('sender'), missing('amount')],
      ],
      [
        'a JSON array, which has none of the fields',
        [1, 2],
        [missing('sender'), missing('recipient'), missing('amount')],
      ],
    ])(
      'should refuse %s with the tutorial’s "Missing values", naming each field, and store nothing',
      async (_case, body, errors) => {
        const response = await node.http.post('/transactions/new').send(body).expect(400);
        expect(response.body).toEqual({ statusCode: 400, message: 'Missing values', error: 'Bad Request', errors });
        await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
      },
    );

    it.each([
      [
        'a numeric sender (a type, not a length, problem)',
        { sender: 1, recipient: 'b', amount: 1 },
        [notString('sender')],
      ],
      [
        'an empty sender',
        { sender: '', recipient: 'b', amount: 1 },
        [{ field: 'sender', rule: 'isNotEmpty', message: 'sender must not be empty' }],
      ],
      ['a numeric recipient', { sender: 'a', recipient: 7, amount: 1 }, [notString('recipient')]],
      [
        'an overlong recipient',
        { sender: 'a', recipient: 'x'.repeat(257), amount: 1 },
        [{ field: 'recipient', rule: 'maxLength', message: 'recipient must be at most 256 characters long' }],
      ],
      ['a string amount', { sender: 'a', recipient: 'b', amount: '5' }, [notNumber]],
      ['a null amount', { sender: 'a', recipient: 'b', amount: null }, [notNumber]],
      ['a zero amount', { sender: 'a', recipient: 'b', amount: 0 }, [notAboveZero]],
      ['a negative amount', { sender: 'a', recipient: 'b', amount: -3 }, [notAboveZero]],
      [
        'fields of the wrong types',
        { sender: ['a'], recipient: { b: 1 }, amount: true },
        [notString('sender'), notString('recipient'), notNumber],
      ],
    ])(
      'should refuse %s, naming each field and the one rule it broke, and store nothing',
      async (_case, body, errors) => {
        const response = await node.http.post('/transactions/new').send(body).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          message: errors.map((error) => error.message).join('; '),
          error: 'Bad Request',
          errors,
        });
        await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
      },
    );

    it.each([
      ['malformed JSON', '{"sender": "a",', 400],
      ['a JSON array', '[1, 2]', 400],
      ['a bare string', '"hello"', 400],
      ['a huge body', JSON.stringify({ sender: 'a'.repeat(2_000_000), recipient: 'b', amount: 1 }), 413],
    ])('should answer %s with a JSON error', async (_case, body, status) => {
      const response = await node.http
        .post('/transactions/new')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(status)
        .expect('Content-Type', /application\/json/);
      expect(response.body.statusCode).toBe(status);
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
    });

    it('should refuse a body that is not JSON', async () => {
      await node.http.post('/transactions/new').set('Content-Type', 'text/plain').send('sender=a').expect(400);
    });

    it.each([
      ['a sender', 'sender', { sender: 'a\ud800', recipient: 'b', amount: 1 }, {}],
      ['a recipient', 'recipient', { sender: 'a', recipient: '\udc00b', amount: 1 }, {}],
      [
        'a relayed sender',
        'sender',
        { sender: 'a\ud800', recipient: 'b', amount: 1 },
        { 'X-Blockchain-Relay': 'relay-1' },
      ],
    ])(
      'should refuse %s holding a lone surrogate (SQLite could not store it exactly), naming it, and store nothing',
      async (_case, field, body, headers) => {
        const response = await node.http.post('/transactions/new').set(headers).send(body).expect(400);
        const message = `${field} must be well-formed Unicode (it holds a lone surrogate)`;
        expect(response.body).toEqual({
          statusCode: 400,
          message,
          error: 'Bad Request',
          errors: [{ field, rule: 'isWellFormedUnicode', message }],
        });
        await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
      },
    );

    it('should refuse a body in another charset than UTF-8 with a JSON 415, and store nothing', async () => {
      const response = await node.http
        .post('/transactions/new')
        .set('Content-Type', 'application/json; charset=utf-16le')
        .send(Buffer.from('{"sender": "a", "recipient": "b", "amount": 1}', 'utf16le'))
        .expect(415);
      expect(response.body).toEqual({
        statusCode: 415,
        message: 'unsupported charset "UTF-16LE": JSON is UTF-8',
        error: 'Unsupported Media Type',
      });
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
    });
  });

  describe.each(['/nodes/register', '/nodes/announce'])('POST %s, like every route that takes a body', (path) => {
    it('should answer a body over MAX_BODY_BYTES with a JSON 413, and change nothing', async () => {
      const response = await node.http
        .post(path)
        .send({ nodes: ['x'.repeat(2_000_000)] })
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should answer a body that is not UTF-8 with a JSON 415', async () => {
      const response = await node.http
        .post(path)
        .set('Content-Type', 'application/json; charset=utf-16le')
        .send(Buffer.from('{"nodes": []}', 'utf16le'))
        .expect(415);
      expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });
  });

  describe('nesting depth', () => {
    /** A transaction whose ignored `memo` field brings the body to `depth` levels. */
    const transactionNested = (depth: number) =>
      `{"sender": "a", "recipient": "b", "amount": 1, "memo": ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

    it.each([
      ['POST /transactions/new', '/transactions/new', transactionNested(10_000)],
      ['POST /nodes/register', '/nodes/register', `{"nodes": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['POST /nodes/announce', '/nodes/announce', `{"block": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
    ])('should answer %s nested 10,000 deep with a JSON 400, and change nothing', async (_route, path, body) => {
      const response = await node.http.post(path).set('Content-Type', 'application/json').send(body).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        message: 'The JSON body nests deeper than 33 levels',
        error: 'Bad Request',
      });
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
      expect(await node.chain()).toHaveLength(1);
    });

    it('should take a body 33 levels deep and refuse one 34 deep', async () => {
      await node.http
        .post('/transactions/new')
        .set('Content-Type', 'application/json')
        .send(transactionNested(34))
        .expect(400);
      await node.http
        .post('/transactions/new')
        .set('Content-Type', 'application/json')
        .send(transactionNested(33))
        .expect(201);
      await node.http
        .get('/transactions/pending')
        .expect(200, { transactions: [{ sender: 'a', recipient: 'b', amount: 1 }], length: 1 });
    });
  });

  describe('GET /mine and POST /mine', () => {
    it('should forge a block with the pending transactions in arrival order, then the reward', async () => {
      for (const sender of ['s1', 's2', 's3']) {
        await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 2 }).expect(201);
      }
      const mined = await node.http.get('/mine').expect(200);
      const chain = await node.chain();
      expect(mined.body).toEqual({
        message: 'New Block Forged',
        index: 2,
        transactions: [
          { sender: 's1', recipient: 'r', amount: 2 },
          { sender: 's2', recipient: 'r', amount: 2 },
          { sender: 's3', recipient: 'r', amount: 2 },
          { sender: '0', recipient: expect.stringMatching(/^[0-9a-f]{32}$/), amount: 1 },
        ],
        proof: chain[1].proof,
        previous_hash: hashBlock(chain[0]),
      });
      expect(isValidProof(chain[0].proof, chain[1].proof, hashBlock(chain[0]), 4)).toBe(true);
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
    });

    it('should mine by POST too, paying the same node id every time', async () => {
      const first = await node.http.post('/mine').expect(200);
      const second = await node.http.get('/mine').expect(200);
      expect(second.body.index).toBe(3);
      expect(second.body.transactions).toEqual(first.body.transactions);
      await node.http.post('/transactions/new').send({ sender: 'a', recipient: 'b', amount: 1 }).expect(201, {
        message: 'Transaction will be added to Block 4',
      });
    });
  });

  describe('nodes', () => {
    it('should register peers as host:port, idempotently, like the reference', async () => {
      const nodes = ['http://127.0.0.1:5001', '127.0.0.1:5002'];
      await node.http
        .post('/nodes/register')
        .send({ nodes })
        .expect(201, { message: 'New nodes have been added', total_nodes: ['127.0.0.1:5001', '127.0.0.1:5002'] });
      const again = await node.http
        .post('/nodes/register')
        .send({ nodes: ['http://127.0.0.1:5001/'] })
        .expect(201);
      expect(again.body.total_nodes).toEqual(['127.0.0.1:5001', '127.0.0.1:5002']);
      await node.http.get('/nodes').expect(200, { nodes: ['127.0.0.1:5001', '127.0.0.1:5002'], length: 2 });
    });

    it('should store every spelling of one peer once: localhost, an explicit default port, a trailing slash', async () => {
      await node.register('localhost:5001', '127.0.0.1:5001', 'http://LOCALHOST:5001/', 'http://127.0.0.1:80/');
      await node.register('127.0.0.1:80', 'http://127.0.0.1');
      await node.http.get('/nodes').expect(200, { nodes: ['127.0.0.1', '127.0.0.1:5001'], length: 2 });
      await node.http
        .delete('/nodes/localhost%3A5001')
        .expect(200, { message: 'Node removed', total_nodes: ['127.0.0.1'] });
    });

    const notAList = { field: 'nodes', rule: 'isArray', message: 'nodes must be a list of peer addresses' };

    it.each([
      [{}, [{ field: 'nodes', rule: 'required', message: 'nodes is missing' }]],
      [{ nodes: 'x' }, [notAList]],
      [{ nodes: 'http://127.0.0.1:5001' }, [notAList]],
      [{ nodes: null }, [notAList]],
    ])('should refuse %p with the tutorial’s 400, naming the field', async (body, errors) => {
      const response = await node.http.post('/nodes/register').send(body).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        message: 'Error: Please supply a valid list of nodes',
        error: 'Bad Request',
        errors,
      });
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should refuse entries that are not strings, naming the rule', async () => {
      const message = 'each value in nodes must be a string';
      await node.http
        .post('/nodes/register')
        .send({ nodes: [5001] })
        .expect(400, {
          statusCode: 400,
          message,
          error: 'Bad Request',
          errors: [{ field: 'nodes', rule: 'isString', message }],
        });
    });

    it('should state MAX_PEERS, the real limit, for a list longer than it', async () => {
      const nodes = Array.from({ length: 65 }, (_, i) => `127.0.0.1:${6000 + i}`);
      const message = 'nodes must hold at most 64 entries: a node keeps at most 64 peers (MAX_PEERS)';
      await node.http
        .post('/nodes/register')
        .send({ nodes })
        .expect(400, {
          statusCode: 400,
          message,
          error: 'Bad Request',
          errors: [{ field: 'nodes', rule: 'arrayMaxSize', message }],
        });
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should store none of a request with a bad entry, and name it by its position', async () => {
      const response = await node.http
        .post('/nodes/register')
        .send({ nodes: ['127.0.0.1:5001', 'ftp://127.0.0.1:5002'] })
        .expect(400);
      const message = '"ftp://127.0.0.1:5002": only http:// and https:// peers are supported';
      expect(response.body).toEqual({
        statusCode: 400,
        message,
        error: 'Bad Request',
        errors: [{ field: 'nodes[1]', rule: 'peerAddress', message }],
      });
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should refuse an entry holding a lone surrogate, naming it, and store nothing', async () => {
      const response = await node.http
        .post('/nodes/register')
        .send({ nodes: ['127.0.0.1:5001', 'node\ud800.example:5002'] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'nodes[1]', rule: 'peerAddress', message: '"node\\ud800.example:5002": is not a URL or host:port' },
      ]);
      await node.http.get('/nodes').expect(200, { nodes: [], length: 0 });
    });

    it('should stay authoritative with no peers', async () => {
      const response = await node.http.get('/nodes/resolve').expect(200);
      expect(response.body).toEqual({
        message: 'Our chain is authoritative',
        chain: await node.chain(),
        peers: [],
      });
    });
  });

  it.each([
    ['get', '/nowhere', 404],
    ['delete', '/chain', 404],
    ['put', '/transactions/new', 404],
    ['get', '/transactions/new', 404],
  ] as const)('should answer %s %s with a JSON %p', async (method, path, status) => {
    const response = await node.http[method](path)
      .expect(status)
      .expect('Content-Type', /application\/json/);
    expect(response.body.statusCode).toBe(status);
  });
});
