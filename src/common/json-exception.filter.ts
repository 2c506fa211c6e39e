import { ArgumentsHost, Catch, HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
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

/**
 * Every error leaves as Nest's JSON error body, with the status the error meant, never an HTML page. A database
 * fault (a full disk, a held lock, an I/O error) is a 503: the write was rolled back, so the client may retry.
 */
@Catch()
export class JsonExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const code = sqliteErrorCode(exception);
    if (code !== undefined) {
      const message = `The database is unavailable (${code}): nothing was changed. Retry later.`;
      return super.catch(new ServiceUnavailableException(message), host);
    }
    if (exception instanceof ThrottlerException) {
      // The throttler's own body lacks `error` and names a class: the API's error shape, in plain words.
      const message = 'Too many requests from this client (RATE_LIMIT per RATE_LIMIT_WINDOW_MS): retry later';
      const status = HttpStatus.TOO_MANY_REQUESTS;
      return super.catch(new HttpException({ statusCode: status, message, error: STATUS_CODES[status] }, status), host);
    }
    if (!(exception instanceof HttpException) && isClientError(exception)) {
      const status = exception.status as HttpStatus;
      const error = new HttpException(
        { statusCode: status, message: exception.message, error: STATUS_CODES[status] ?? 'Error' },
        status,
      );
      return super.catch(error, host);
    }
    super.catch(exception, host);
  }
}
