import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import { STATUS_CODES } from 'node:http';
import { sqliteErrorCode } from '../database/sqlite-error';

/** Errors raised before a route runs (the JSON body parser's, for one) carry an HTTP status of their own. */
interface ClientError {
  status: number;
  message: string;
}

function isClientError(error: unknown): error is ClientError {
  const status = (error as Partial<ClientError> | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const logger = new Logger('Errors');

/**
 * The HTTP error an exception stands for: its own, a client error's status, or a 503 for a database fault (a read
 * or write the database failed: nothing was changed, so the client may retry). Undefined for anything else.
 */
export function httpExceptionFor(exception: unknown): HttpException | undefined {
  if (exception instanceof ThrottlerException) {
    // The throttler's own body lacks `error` and names a class: the API's error shape, in plain words.
    const message = 'Too many requests from this client (RATE_LIMIT per RATE_LIMIT_WINDOW_MS): retry later';
    const status = HttpStatus.TOO_MANY_REQUESTS;
    return new HttpException({ statusCode: status, message, error: STATUS_CODES[status] }, status);
  }
  if (exception instanceof HttpException) return exception;
  const code = sqliteErrorCode(exception);
  if (code !== undefined) {
    logger.error(`The database failed a request: ${code}: ${(exception as Error).message}`);
    return new ServiceUnavailableException(`The database is unavailable (${code}): nothing was changed. Retry later.`);
  }
  if (isClientError(exception)) {
    const status = exception.status as HttpStatus;
    return new HttpException(
      { statusCode: status, message: exception.message, error: STATUS_CODES[status] ?? 'Error' },
      status,
    );
  }
  return undefined;
}

/** Every error leaves as Nest's JSON error body, with the status the error meant, never an HTML page. */
@Catch()
export class JsonExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    super.catch(httpExceptionFor(exception) ?? exception, host);
  }
}
