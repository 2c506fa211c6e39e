import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { ValidateFunction } from 'ajv';
import { parseEventStream } from './event-stream-text';

/** An answer as the e2e suite received it. */
export interface Answer {
  method: string;
  /** The request target: path and query. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

type Schema = Record<string, unknown>;

/** A media type of an answer; an event stream's also gives the schema of each event kind's data. */
interface MediaType {
  schema: Schema;
  'x-event-data'?: Record<string, Schema>;
}

/**
 * Outside the API the document describes: Swagger UI and the document itself (the docs module), the explorer's page
 * at `/` and its files under `/explorer/`.
 */
const OUTSIDE_THE_API = /^\/(docs(-json|\/.*)?|explorer\/.*)?$/;

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } };

/**
 * A copy of a schema in which every object with declared properties is closed, unless it says otherwise: a field
 * the document does not declare is a contract violation, not an extension.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments first: `/nodes/resolve` is not `/nodes/{node}`. */
  parameters: number;
}

/** Answers from the node checked against its OpenAPI document: route, status, content type and body schema. */
export class ApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Route[];

  constructor(private readonly document: OpenAPIObject) {
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.parameters - b.parameters);
    this.ajv.addSchema({ components: closed(document.components) as Schema }, 'document');
  }

  /** The problems with this answer, none when the document says exactly this. */
  problems(answer: Answer): string[] {
    const path = new URL(answer.url, 'http://node').pathname;
    if (OUTSIDE_THE_API.test(path)) return [];
    const method = answer.method.toLowerCase();
    const route = this.routes.find(
      ({ pattern, template }) => pattern.test(path) && this.document.paths[template][method as 'get'],
    );
    // A route the node does not have is a 404, in the shape of every error.
    if (!route) {
      if (answer.status !== 404) return [`no documented operation, yet answered ${answer.status}`];
      return this.errorProblems(answer);
    }
    const operation = this.document.paths[route.template][method as 'get']!;
    const response = operation.responses[String(answer.status)] as { content?: Record<string, MediaType> };
    if (!response) return [`status ${answer.status} is not documented for ${method.toUpperCase()} ${route.template}`];
    return this.bodyProblems(answer, response.content);
  }

  /** The problems with an error answered before any route is chosen (an HTTP parser error, an unknown path). */
  errorProblems(answer: Answer): string[] {
    return this.bodyProblems(answer, ERROR_CONTENT);
  }

  /** Throws, naming every problem, unless the answer is what the document says. */
  check(answer: Answer): void {
    const problems = this.problems(answer);
    if (problems.length === 0) return;
    throw new Error(
      `The answer to ${answer.method.toUpperCase()} ${answer.url} breaks the OpenAPI document:\n` +
        `  ${problems.join('\n  ')}\n  status ${answer.status}, ${answer.contentType ?? 'no content type'}: ` +
        answer.body.slice(0, 500),
    );
  }

  private bodyProblems(answer: Answer, content: Record<string, MediaType> | undefined): string[] {
    if (!content) return answer.body === '' ? [] : ['a body where the document promises none'];
    const mediaType = answer.contentType?.split(';')[0].trim().toLowerCase() ?? '';
    const media = content[mediaType];
    if (!media) return [`content type "${mediaType}" is not documented (${Object.keys(content).join(', ')} is)`];
    // A JSON media type is checked as the value it parses to; any other (Prometheus' text) as the string it is.
    let body: unknown = answer.body;
    if (mediaType.endsWith('json')) {
      try {
        body = JSON.parse(answer.body);
      } catch {
        return ['the body is not JSON'];
      }
    }
    const validate = this.validator(media.schema);
    if (!validate(body)) {
      return (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message ?? 'is invalid'}`);
    }
    return media['x-event-data'] ? this.eventProblems(answer.body, media['x-event-data']) : [];
  }

  /** An event stream's messages: each event of a kind the document names, its data of that kind's schema. */
  private eventProblems(text: string, schemas: Record<string, Schema>): string[] {
    return parseEventStream(text).messages.flatMap((message, position) => {
      if (message.event === undefined) return [];
      const where = `message ${position} (${message.event})`;
      const schema = schemas[message.event];
      if (!schema) return [`${where}: the document names no such event`];
      let data: unknown;
      try {
        data = JSON.parse(message.data ?? '');
      } catch {
        return [`${where}: its data is not JSON`];
      }
      const validate = this.validator(schema);
      if (validate(data)) return [];
      return (validate.errors ?? []).map((error) => `${where}: data${error.instancePath} ${error.message}`);
    });
  }

  private validator(schema: Schema): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      // The document's references (#/components/...) point into the schema registered as "document".
      const resolved = JSON.parse(key.replaceAll('"#/components/', '"document#/components/')) as Schema;
      validate = this.ajv.compile(closed(resolved) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
