import { HttpStatus, RawBodyRequest } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { BLOCK_DEPTH_LIMIT, jsonTextExceedsDepth } from '../core';

/** The deepest JSON body any route takes: a block announced inside `{"block": ...}`, one level above the block. */
const BODY_DEPTH_LIMIT = BLOCK_DEPTH_LIMIT + 1;

/** An error the body parser answers with this status; the exception filter writes it as JSON. */
function refusal(status: HttpStatus, message: string): Error {
  return Object.assign(new Error(message), { status });
}

/**
 * The JSON body parser's `verify` hook: it sees every JSON body before it is parsed. It refuses charsets other than
 * UTF-8 (RFC 8259; the raw body is read as UTF-8 afterwards) and nesting deeper than BODY_DEPTH_LIMIT, which would
 * exhaust the stack of the validation pipe or of a parser further on. It keeps the raw body, so that numbers keep
 * their Python kinds: Nest's own `rawBody` option would replace this hook rather than run beside it.
 */
export function checkJsonBody(
  request: RawBodyRequest<IncomingMessage>,
  _response: unknown,
  body: Buffer,
  charset: string,
): void {
  if (charset !== 'utf-8') {
    throw refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `unsupported charset "${charset.toUpperCase()}": JSON is UTF-8`);
  }
  if (jsonTextExceedsDepth(body.toString('utf8'), BODY_DEPTH_LIMIT)) {
    throw refusal(HttpStatus.BAD_REQUEST, `The JSON body nests deeper than ${BODY_DEPTH_LIMIT} levels`);
  }
  request.rawBody = body;
}
