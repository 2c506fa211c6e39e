import createClient, { Client } from 'openapi-fetch';
import type { paths } from './api-schema';

/** A node's API, typed from its OpenAPI document: paths, parameters, bodies and answers, each status its own type. */
export type NodeClient = Client<paths>;

export interface NodeClientOptions {
  /** The node's API_TOKEN, for the operator routes. */
  token?: string;
  /** Another fetch than the global one (a proxy, a test double). */
  fetch?: typeof fetch;
}

/** A client of the node at `baseUrl`, e.g. `http://localhost:5000`. */
export function createNodeClient(baseUrl: string, { token, fetch }: NodeClientOptions = {}): NodeClient {
  return createClient<paths>({
    baseUrl,
    headers: token === undefined ? undefined : { Authorization: `Bearer ${token}` },
    fetch,
  });
}
