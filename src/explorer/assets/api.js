/**
 * The node's documented API, as the explorer uses it: everything shown comes from these calls, so this file is
 * also an example for integrators. Paths are relative: the explorer talks to the node that served it.
 */

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.message ?? `${response.status} ${response.statusText}`);
  return body;
}

/** `{length, hash, difficulty, pending, peers: [{node, status, length}]}`: the node's figures, read together. */
export const status = () => getJson('/status');

/** `{blocks, from, limit, length}`: up to `limit` blocks from index `from`. */
export const blocks = (from, limit) => getJson(`/blocks?from=${from}&limit=${limit}`);

/** The block with this hash, or null when the chain has none. */
export async function blockWithHash(hash) {
  try {
    return await getJson(`/blocks/hash/${hash}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** `{transactions, length}` in arrival order. */
export const pending = () => getJson('/transactions/pending');

/** `{address, received, sent, balance, length, offset, limit, transactions}`, newest first. */
export const address = (name, offset, limit) =>
  getJson(`/addresses/${encodeURIComponent(name)}?offset=${offset}&limit=${limit}`);

/**
 * Server-sent events from GET /events: `block-appended`, `chain-replaced`, `transaction-accepted`, `peer-status`.
 * EventSource reconnects by itself; `onState` hears whether the stream is open.
 */
export function subscribe(onEvent, onState) {
  const source = new EventSource('/events');
  for (const kind of ['block-appended', 'chain-replaced', 'transaction-accepted', 'peer-status']) {
    source.addEventListener(kind, (event) => onEvent(kind, JSON.parse(event.data)));
  }
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(false));
  return source;
}
