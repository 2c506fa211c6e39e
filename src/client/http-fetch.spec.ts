import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { httpFetch } from './http-fetch';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('httpFetch', () => {
  let server: Server;
  let base: string;
  let handle: Handler;

  beforeAll(async () => {
    server = createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('should give the status, headers and body the server sent', async () => {
    handle = (_request, response) => {
      response.setHeader('X-Answer', ['one', 'two']);
      response.writeHead(201, { 'Content-Type': 'application/json' }).end('{"amount":5.0}');
    };
    const response = await httpFetch(`${base}/transactions/new`);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-answer')).toBe('one, two');
    expect(await response.text()).toBe('{"amount":5.0}');
  });

  it('should send the method, headers and body of a Request', async () => {
    let received = {};
    handle = (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { method, headers } = request;
        const body = Buffer.concat(chunks).toString();
        received = { method, authorization: headers.authorization, type: headers['content-type'], body };
        response.end();
      });
    };
    const request = new Request(`${base}/nodes/register`, {
      method: 'POST',
      headers: { Authorization: 'Bearer secret', 'Content-Type': 'application/json' },
      body: '{"nodes":["http://127.0.0.1:5001"]}',
    });
    await httpFetch(request);
    expect(received).toEqual({
      method: 'POST',
      authorization: 'Bearer secret',
      type: 'application/json',
      body: '{"nodes":["http://127.0.0.1:5001"]}',
    });
  });

  it('should give a 204 answer no body', async () => {
    handle = (_request, response) => response.writeHead(204).end();
    const response = await httpFetch(`${base}/nothing`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('should let the body be read while the server is still writing it', async () => {
    let finish = () => {};
    handle = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' }).write('data: first\n\n');
      finish = () => response.end('data: last\n\n');
    };
    const response = await httpFetch(`${base}/events`);
    const reader = response.body!.getReader();
    expect(Buffer.from((await reader.read()).value).toString()).toBe('data: first\n\n');
    finish();
    expect(Buffer.from((await reader.read()).value).toString()).toBe('data: last\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it("should fail with the system's error code when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpFetch(`http://127.0.0.1:${port}/status`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('should stop waiting when the signal aborts', async () => {
    handle = () => {}; // never answers
    const controller = new AbortController();
    const answer = httpFetch(`${base}/stalled`, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(answer).rejects.toThrow('gave up');
  });
});
