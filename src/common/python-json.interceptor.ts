import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { dumpJson, JsonValue } from '../core';

/**
 * Writes every answer as the reference's Flask does (sorted keys, ASCII escapes, compact), so numbers keep their
 * Python kind (`5.0` stays `5.0`) and stored blocks are spliced in without being parsed again.
 */
@Injectable()
export class PythonJsonInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Server-sent events are messages Nest writes in the event-stream format, not one answer.
    if (Reflect.getMetadata(SSE_METADATA, context.getHandler())) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        // A streamed answer (the chain, the metrics) is written as it is, with the type it says it has.
        if (body instanceof StreamableFile) return body;
        // A route that wrote its answer itself (the explorer's files) is done.
        if (response.headersSent) return undefined;
        response.type('application/json');
        return dumpJson(body as JsonValue);
      }),
    );
  }
}
