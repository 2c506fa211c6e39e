import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';

/** Errors raised before a route runs (the JSON body parser's, for one) carry an HTTP status of their own. */
interface ClientError {
  status: number;
  message: string;
}

function isClientError(error: unknown): error is ClientError {
  const status = (error as Partial<ClientError> | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Every error leaves as Nest's JSON error body, with the status the error meant, never an HTML page. */
@Catch()
export class JsonExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
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
