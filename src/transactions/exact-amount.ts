import { isJsonNumber, isJsonObject, JsonNumber, JsonValue, parseJson } from '../core';

/**
 * The amount as the client wrote it. Express parses bodies with JSON.parse, which turns `5.0` into `5` and rounds
 * integers beyond 2^53; the reference keeps `5.0` a float, and a float hashes differently from an integer.
 */
export function exactAmount(rawBody: Buffer | undefined, parsed: number): JsonNumber {
  return amountOf(rawBody && parseJson(rawBody.toString('utf8')), parsed);
}

/** The same for each transaction of a relayed batch, `{"transactions": [{"transaction": {...}}, ...]}`, in order. */
export function exactRelayedAmounts(rawBody: Buffer | undefined, parsed: number[]): JsonNumber[] {
  const body = rawBody && parseJson(rawBody.toString('utf8'));
  const items = isJsonObject(body) && Array.isArray(body.transactions) ? body.transactions : [];
  return parsed.map((amount, position) => {
    const item = items[position];
    return amountOf(isJsonObject(item) ? item.transaction : undefined, amount);
  });
}

function amountOf(transaction: JsonValue | undefined, parsed: number): JsonNumber {
  return isJsonObject(transaction) && isJsonNumber(transaction.amount) ? transaction.amount : parsed;
}
