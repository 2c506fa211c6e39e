import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Answer } from './support/api-contract';
import { contractChecked, contractCheckedFetch, takeViolations } from './support/contract-guard';
import { startFakePeer } from './support/fake-peer';
import { removeDirectory, ROOT, RunningNode, startNode, temporaryDirectory } from './support/nodes';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: object };
  security?: object[];
};

describe('OpenAPI', () => {
  let node: RunningNode;

  beforeAll(async () => {
    node = await startNode();
  });

  afterAll(async () => {
    await node.close();
  });

  it('should list every endpoint with its responses', async () => {
    const document = (await node.http.get('/docs-json').expect(200)).body;
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'DELETE /nodes/{node}',
        'GET /chain',
        'GET /events',
        'GET /health',
        'GET /blocks',
        'GET /blocks/hashes',
        'GET /blocks/{index}',
        'GET /addresses/{address}',
        'GET /blocks/hash/{hash}',
        'GET /metrics',
        'GET /mine',
        'GET /nodes',
        'GET /nodes/resolve',
        'GET /status',
        'GET /transactions/pending',
        'POST /mine',
        'POST /nodes/announce',
        'POST /nodes/register',
        'POST /nodes/relay',
        'POST /transactions/new',
      ].sort(),
    );
    expect(document.paths['/transactions/new'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateTransactionDto',
    );
    expect(Object.keys(document.paths['/transactions/new'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '413', '415']),
    );
    for (const path of ['/nodes/register', '/nodes/announce']) {
      expect(Object.keys(document.paths[path].post.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
    for (const methods of Object.values(document.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const operation of Object.values(methods)) expect(Object.keys(operation.responses)).toContain('429');
    }
    for (const path of ['/blocks', '/blocks/hashes']) {
      expect(Object.keys(document.paths[path].get.responses)).toEqual(expect.arrayContaining(['200', '400']));
    }
    expect(Object.keys(document.paths['/health'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
    for (const path of ['/blocks/{index}', '/blocks/hash/{hash}']) {
      expect(Object.keys(document.paths[path].get.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    }
    expect(document.paths['/blocks'].get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'from', in: 'query', required: false }),
        expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      ]),
    );
  });

  it('should describe blocks, transactions, the chain and the messages with examples', async () => {
    const { components } = (await node.http.get('/docs-json')).body;
    for (const schema of [
      'BlockDto',
      'TransactionDto',
      'ChainResponseDto',
      'BlocksPageResponseDto',
      'MessageResponseDto',
      'MineResponseDto',
      'ResolveResponseDto',
      'ErrorResponseDto',
    ]) {
      expect(components.schemas[schema]).toBeDefined();
    }
    expect(components.schemas.BlockDto.required).toEqual(
      expect.arrayContaining(['index', 'timestamp', 'transactions', 'proof', 'previous_hash']),
    );
    expect(components.schemas.TransactionDto.properties.amount.example).toBe(5);
  });

  it('should pass redocly lint with the recommended rules, without a warning', async () => {
    const directory = temporaryDirectory();
    try {
      const file = join(directory, 'openapi.json');
      writeFileSync(file, (await node.http.get('/docs-json').expect(200)).text);
      const redocly = join(ROOT, 'node_modules', '.bin', 'redocly');
      // redocly.yaml at the root sets the rules: the recommended ones.
      const { stdout } = await promisify(execFile)(redocly, ['lint', file, '--format', 'json'], { cwd: ROOT });
      const report = JSON.parse(stdout) as { totals: object; problems: { message: string }[] };
      expect(report.problems.map((problem) => problem.message)).toEqual([]);
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    } finally {
      removeDirectory(directory);
    }
  });

  const operations = async () => {
    const { paths } = (await node.http.get('/docs-json')).body as { paths: Record<string, Record<string, Operation>> };
    return Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })),
    );
  };

  it('should keep the header nodes relay transactions with out of the public operations', async () => {
    for (const { operation } of await operations()) {
      expect((operation.parameters ?? []).map((parameter) => parameter.name.toLowerCase())).not.toContain(
        'x-blockchain-relay',
      );
    }
  });

  it('should give every request body an example, so that "Try it out" works as it comes', async () => {
    const withBodies = (await operations()).filter(({ operation }) => operation.requestBody);
    expect(withBodies.map(({ name }) => name).sort()).toEqual([
      'post /nodes/announce',
      'post /nodes/register',
      'post /nodes/relay',
      'post /transactions/new',
    ]);
    for (const { operation } of withBodies) {
      const media = (operation.requestBody!.content as Record<string, { examples?: object }>)['application/json'];
      expect(Object.keys(media.examples ?? {})).not.toHaveLength(0);
    }
  });

  it('should say which operations need API_TOKEN, as an opaque bearer token, and that the others are open', async () => {
    const document = (await node.http.get('/docs-json')).body;
    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      description: expect.stringContaining('API_TOKEN'),
    });
    const secured = (await operations())
      .filter(({ operation }) => operation.security!.length > 0)
      .map(({ name }) => name);
    expect(secured.sort()).toEqual(
      ['delete /nodes/{node}', 'get /mine', 'get /nodes/resolve', 'post /mine', 'post /nodes/register'].sort(),
    );
  });

  describe('the contract check every e2e answer goes through', () => {
    const answer = (overrides: Partial<Answer>): Answer => ({
      method: 'GET',
      url: '/nodes',
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: '{"length":0,"nodes":[]}',
      ...overrides,
    });

    it('should pass an answer the document describes', () => {
      expect(node.contract.problems(answer({}))).toEqual([]);
      expect(
        node.contract.problems(
          answer({
            url: '/nowhere',
            status: 404,
            body: '{"statusCode":404,"message":"Cannot GET /nowhere","error":"Not Found"}',
          }),
        ),
      ).toEqual([]);
    });

    it.each([
      ['an undocumented field', { body: '{"length":0,"nodes":[],"extra":1}' }, 'must NOT have additional properties'],
      ['a field of the wrong type', { body: '{"length":"0","nodes":[]}' }, 'body/length must be number'],
      ['a missing field', { body: '{"nodes":[]}' }, "must have required property 'length'"],
      ['an undocumented status', { status: 202 }, 'status 202 is not documented for GET /nodes'],
      ['an undocumented content type', { contentType: 'text/html' }, 'content type "text/html" is not documented'],
      ['a body that is not JSON', { body: '<html>' }, 'the body is not JSON'],
      ['an answer from an undocumented route', { url: '/secret' }, 'no documented operation, yet answered 200'],
      [
        'an error without its message',
        { status: 429, body: '{"statusCode":429,"error":"Too Many Requests"}' },
        "required property 'message'",
      ],
    ])('should fail %s', (_case, overrides, problem) => {
      expect(node.contract.problems(answer(overrides))).toEqual([expect.stringContaining(problem)]);
      expect(() => node.contract.check(answer(overrides))).toThrow(problem);
    });

    const stream = (...lines: string[]): Partial<Answer> => ({
      url: '/events',
      contentType: 'text/event-stream',
      body: `\n${lines.join('\n')}\n\n: heartbeat\n\n`,
    });
    const transaction = '{"amount":5.0,"index":2,"recipient":"bob","sender":"alice"}';

    it('should pass an event stream whose every event is of a kind the document names, with data of its schema', () => {
      const body = stream('event: transaction-accepted', 'id: 1', `data: ${transaction}`);
      expect(node.contract.problems(answer(body))).toEqual([]);
    });

    it.each([
      ['an event of no documented kind', ['event: block-mined', 'id: 1', 'data: {}'], 'names no such event'],
      ['data that is not JSON', ['event: transaction-accepted', 'id: 1', 'data: alice'], 'its data is not JSON'],
      [
        'data with a field of the wrong type',
        ['event: transaction-accepted', 'id: 1', `data: ${transaction.replace('2', '"2"')}`],
        'data/index must be integer',
      ],
      ['a line that is not of the format', ['event: transaction-accepted', 'id 1'], 'must match pattern'],
    ])('should fail an event stream with %s', (_case, lines, problem) => {
      expect(node.contract.problems(answer(stream(...lines)))).toEqual([expect.stringContaining(problem)]);
    });
  });

  describe('its hooks', () => {
    const undocumented = { status: 202, headers: { 'Content-Type': 'application/json' } };

    afterEach(() => takeViolations());

    it('should fail a supertest request whose answer breaks the document', async () => {
      const peer = await startFakePeer((_request, response) => response.writeHead(202, undocumented.headers).end('{}'));
      try {
        const http = contractChecked(request(`http://${peer.address}`), node.contract);
        await expect(http.get('/nodes')).rejects.toThrow('status 202 is not documented for GET /nodes');
        expect(takeViolations()).toHaveLength(1);
      } finally {
        await peer.close();
      }
    });

    it('should fail a fetch whose answer breaks the document, and remember it should the test swallow the error', async () => {
      const checkedFetch = contractCheckedFetch(async () => new Response('{}', undocumented));
      await expect(checkedFetch(`${node.url}/nodes`)).rejects.toThrow('status 202 is not documented for GET /nodes');
      expect(takeViolations()).toEqual([expect.stringContaining('GET /nodes')]);
    });
  });

  it('should serve Swagger UI at /docs', async () => {
    const page = await node.http.get('/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});
