import { PassThrough } from 'node:stream';
import { answerClientError, clientErrorResponse, HttpClientError } from './json-client-errors';

function clientError(code: string, reason?: string): HttpClientError {
  return Object.assign(new Error(reason ? `Parse Error: ${reason}` : code), { code, reason });
}

/** A socket stand-in: what is written to it can be read back. */
function fakeSocket(): { socket: PassThrough; written: () => string } {
  const socket = new PassThrough();
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { socket, written: () => text };
}

function parse(response: string) {
  const [head, body] = response.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => line.split(': ')));
  return { statusLine, headers, body: JSON.parse(body) as unknown, bodyBytes: Buffer.byteLength(body) };
}

describe(clientErrorResponse.name, () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'Request Header Fields Too Large', 'The request line or headers are too large'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'Payload Too Large', 'The chunk extensions are too large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'Request Timeout', 'The request took too long to arrive'],
  ])('should answer %s with %i and a JSON body', (code, status, error, message) => {
    const response = parse(clientErrorResponse(clientError(code)));
    expect(response.statusLine).toBe(`HTTP/1.1 ${status} ${error}`);
    expect(response.body).toEqual({ statusCode: status, message, error });
  });

  it('should answer any other parser error with 400, in the parser’s words', () => {
    const response = parse(clientErrorResponse(clientError('HPE_INVALID_METHOD', 'Invalid method encountered')));
    expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(response.body).toEqual({
      statusCode: 400,
      message: 'The request is not valid HTTP: Invalid method encountered',
      error: 'Bad Request',
    });
  });

  it('should say the body is JSON, how long it is, and that the connection closes', () => {
    const response = parse(
      clientErrorResponse(clientError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size')),
    );
    expect(response.headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(response.bodyBytes),
      Connection: 'close',
    });
  });
});

describe(answerClientError.name, () => {
  it('should write the answer and then close the socket', async () => {
    const { socket, written } = fakeSocket();
    const error = clientError('HPE_INVALID_METHOD', 'Invalid method encountered');
    answerClientError(error, socket);
    await new Promise((resolve) => socket.on('close', resolve));
    expect(written()).toBe(clientErrorResponse(error));
    expect(socket.destroyed).toBe(true);
  });

  it('should only destroy a connection the client reset', () => {
    const { socket, written } = fakeSocket();
    answerClientError(clientError('ECONNRESET'), socket);
    expect(socket.destroyed).toBe(true);
    expect(written()).toBe('');
  });

  it('should only destroy a socket that can no longer be written to', () => {
    const { socket, written } = fakeSocket();
    socket.end();
    answerClientError(clientError('HPE_INVALID_METHOD', 'Invalid method encountered'), socket);
    expect(socket.destroyed).toBe(true);
    expect(written()).toBe('');
  });

  it('should only destroy a socket in the middle of another answer, rather than corrupt it', () => {
    const { socket, written } = fakeSocket();
    Object.assign(socket, { _httpMessage: { headersSent: true } });
    answerClientError(clientError('HPE_INVALID_METHOD', 'Invalid method encountered'), socket);
    expect(socket.destroyed).toBe(true);
    expect(written()).toBe('');
  });

  it('should answer on a socket whose request has not been answered yet', async () => {
    const { socket, written } = fakeSocket();
    Object.assign(socket, { _httpMessage: { headersSent: false } });
    const error = clientError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    answerClientError(error, socket);
    await new Promise((resolve) => socket.on('close', resolve));
    expect(written()).toBe(clientErrorResponse(error));
  });
});
