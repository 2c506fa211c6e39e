import { connect } from 'node:net';
import { RunningNode, startNode } from './support/nodes';

interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` byte for byte on a fresh connection and reads the answer until the node closes it. */
function exchange(node: RunningNode, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(node.url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The node may close while the rest of an oversized request is still being written: what it answered counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString();
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
      const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ statusLine, headers, body: text.slice(headEnd + 4) });
    });
    socket.write(request);
  });
}

describe('Requests the HTTP parser refuses', () => {
  let node: RunningNode;

  beforeAll(async () => {
    node = await startNode();
  });

  afterAll(async () => {
    await node.close();
  });

  it.each([
    [
      'a 20 KB URL',
      431,
      'Request Header Fields Too Large',
      `GET /chain?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: node\r\n\r\n`,
    ],
    [
      'a 100 KB header',
      431,
      'Request Header Fields Too Large',
      `GET /chain HTTP/1.1\r\nHost: node\r\nX-Padding: ${'a'.repeat(100_000)}\r\n\r\n`,
    ],
    [
      'a malformed chunked body',
      400,
      'Bad Request',
      'POST /transactions/new HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\nzz\r\n{"sender": "a", "recipient": "b", "amount": 1}\r\n0\r\n\r\n',
    ],
    ['a bad method token', 400, 'Bad Request', 'G@T /chain HTTP/1.1\r\nHost: node\r\n\r\n'],
  ])(
    'should answer %s with a JSON %i, close the connection and keep serving',
    async (_case, status, error, request) => {
      const answer = await exchange(node, request);
      expect(answer.statusLine).toBe(`HTTP/1.1 ${status} ${error}`);
      expect(answer.headers).toMatchObject({
        'content-type': expect.stringMatching(/^application\/json/),
        connection: 'close',
      });
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
      expect(JSON.parse(answer.body)).toEqual({ statusCode: status, message: expect.any(String), error });
      const contentType = answer.headers['content-type'];
      expect(node.contract.errorProblems({ method: 'GET', url: '/', status, contentType, body: answer.body })).toEqual(
        [],
      );

      await node.http.get('/chain').expect(200);
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
    },
  );
});
