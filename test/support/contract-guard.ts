import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response as SupertestResponse } from 'supertest';
import { Answer, ApiContract } from './api-contract';

/**
 * Every answer the e2e suite receives from a node is checked against the node's OpenAPI document: supertest
 * requests through `startNode` (see `contractChecked`), `fetch` calls through the wrapper installed by
 * `contract-setup.ts`. A violation fails the request at once and, in case a test swallows that error, the test
 * itself when it ends.
 */
let contract: ApiContract | undefined;
const violations: string[] = [];

/** All nodes run the same code and serve the same document: the first one known serves every check. */
export function useDocument(document: OpenAPIObject): ApiContract {
  contract ??= new ApiContract(document);
  return contract;
}

export function checkAnswer(checker: ApiContract, answer: Answer): void {
  try {
    checker.check(answer);
  } catch (error) {
    violations.push((error as Error).message);
    throw error;
  }
}

/** The violations since the last call, forgotten. */
export function takeViolations(): string[] {
  return violations.splice(0);
}

function supertestAnswer(response: SupertestResponse): Answer {
  const request = (response as unknown as { req: { method: string; path: string } }).req;
  return {
    method: request.method,
    url: request.path,
    status: response.status,
    contentType: response.headers['content-type'],
    body: response.text ?? '',
  };
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options']);

/** A supertest agent whose every request also expects its answer to keep the contract. */
export function contractChecked<Agent extends object>(agent: Agent, checker: ApiContract): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...args: unknown[]) => { expect(check: (response: SupertestResponse) => void): unknown })
          .apply(target, args)
          .expect((response) => checkAnswer(checker, supertestAnswer(response)));
    },
  });
}

/** `fetch`, checking every answer from a node against the document, fetched from the first node that answers. */
export function contractCheckedFetch(fetchImplementation: typeof fetch): typeof fetch {
  return async (input, init) => {
    // Read before the request is sent: a Request's body can be used once.
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const response = await fetchImplementation(input, init);
    const url = new URL(response.url || (input instanceof Request ? input.url : String(input)));
    contract ??= new ApiContract(
      (await (await fetchImplementation(`${url.origin}/docs-json`)).json()) as OpenAPIObject,
    );
    checkAnswer(contract, {
      method,
      url: url.pathname + url.search,
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body: await response.clone().text(),
    });
    return response;
  };
}
