import { Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP server passes to `clientError`: a parser error (`HPE_...`), a request timeout, a reset. */
export interface HttpClientError extends Error {
  code?: string;
  /** The parser's own words, e.g. "Invalid method encountered". */
  reason?: string;
}

/** The status Node's own handler answers with, and what to tell the client. */
function statusAndMessage(error: HttpClientError): { status: number; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request line or headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: 'The chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request took too long to arrive' };
    default:
      return { status: 400, message: `The request is not valid HTTP: ${error.reason ?? error.message}` };
  }
}

/** A whole HTTP/1.1 answer carrying the API's JSON error body; the connection closes after it. */
export function clientErrorResponse(error: HttpClientError): string {
  const { status, message } = statusAndMessage(error);
  const reasonPhrase = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ statusCode: status, message, error: reasonPhrase });
  return (
    `HTTP/1.1 ${status} ${reasonPhrase}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Whether an answer has begun on this socket: Node's own handler reads this internal field too. */
function answerStarted(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
}

/**
 * Node's `clientError` event, answered as Node would (same statuses, same care) but with a JSON body: a reset
 * connection, one no longer writable, or one in the middle of another answer is only destroyed.
 */
export function answerClientError(error: HttpClientError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable || answerStarted(socket)) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error), () => socket.destroy());
}

/** Requests Node's HTTP parser refuses never reach Express: without this, they get an empty body, not JSON. */
export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', answerClientError);
}
