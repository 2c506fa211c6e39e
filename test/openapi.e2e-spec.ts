import { RunningNode, startNode } from './support/nodes';

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
        'GET /health',
        'GET /blocks',
        'GET /blocks/{index}',
        'GET /blocks/hash/{hash}',
        'GET /mine',
        'GET /nodes',
        'GET /nodes/resolve',
        'GET /transactions/pending',
        'POST /mine',
        'POST /nodes/announce',
        'POST /nodes/register',
        'POST /transactions/new',
      ].sort(),
    );
    expect(document.paths['/transactions/new'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateTransactionDto',
    );
    expect(Object.keys(document.paths['/transactions/new'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '413', '415']),
    );
    expect(Object.keys(document.paths['/nodes/register'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400']),
    );
    for (const methods of Object.values(document.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const operation of Object.values(methods)) expect(Object.keys(operation.responses)).toContain('429');
    }
    expect(Object.keys(document.paths['/blocks'].get.responses)).toEqual(expect.arrayContaining(['200', '400']));
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

  it('should serve Swagger UI at /docs', async () => {
    const page = await node.http.get('/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});
