import { HttpException, InternalServerErrorException, Logger, StreamableFile } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { httpExceptionFor } from './json-exception.filter';

const logger = new Logger('StreamedJson');

/**
 * A JSON answer written as `stream` produces it. An error before its first byte (the database failing the first
 * read) answers in JSON like every other error; after it, the answer can only be cut short.
 */
export function streamedJson(stream: Readable): StreamableFile {
  return new StreamableFile(stream, { type: 'application/json' }).setErrorHandler((error, response) => {
    if (response.destroyed) return;
    if (response.headersSent) {
      response.destroy?.(error);
      return;
    }
    const exception = httpExceptionFor(error);
    if (!exception) logger.error(`A streamed answer failed: ${error.stack ?? error.message}`);
    const { statusCode, body } = jsonError(exception ?? new InternalServerErrorException());
    response.statusCode = statusCode;
    (response as unknown as ServerResponse).setHeader('Content-Type', 'application/json; charset=utf-8');
    response.send(body);
  });
}

function jsonError(exception: HttpException): { statusCode: number; body: string } {
  return { statusCode: exception.getStatus(), body: JSON.stringify(exception.getResponse()) };
}
