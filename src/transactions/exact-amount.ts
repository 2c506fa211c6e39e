import { isJsonNumber, isJsonObject, JsonNumber, parseJson } from '../core';

/**
 * The amount as the client wrote it. Express parses bodies with JSON.parse, which turns `5.0` into `5` and rounds
 * integers beyond 2^53; the reference keeps `5.0` a float, and a float hashes differently from an integer.
 */
export function exactAmount(rawBody: Buffer | undefined, parsed: number): JsonNumber {
  if (!rawBody) return parsed;
  const body = parseJson(rawBody.toString('utf8'));
  return isJsonObject(body) && isJsonNumber(body.amount) ? body.amount : parsed;
}
