import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BlockDto } from '../chain/dto/block.dto';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The name of the security scheme `OperatorOnly` routes require. */
export const API_TOKEN_SCHEME = 'bearer';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } };

/**
 * The OpenAPI document of the node's API, as `/docs-json` serves it. It is a contract: the e2e suite checks every
 * answer against it, and `redocly lint` checks the document itself.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Blockchain node')
      .setDescription(
        'The tutorial blockchain API, exactly: chain, transactions, mining and peer consensus, wire-compatible ' +
          'with the reference Python node. Errors are JSON: {statusCode, message, error}, plus errors: [{field, ' +
          'rule, message}] on a 400 for bad fields.',
      )
      .setVersion('1.0')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: "Try it out" calls the node that serves this document, whatever its host and port.
      .addServer('/', 'The node serving this document')
      .addSecurity(API_TOKEN_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: 'API_TOKEN, an opaque token the operator chose; needed only when the node has one',
      })
      .build(),
  );
  // Blocks from peers may carry fields of their own, which are stored, served and hashed like the rest.
  Object.assign(document.components!.schemas![BlockDto.name], { additionalProperties: true });
  for (const operation of operations(document)) {
    documentSharedAnswers(operation);
    // Without a requirement of its own, an operation is open to anyone: said explicitly.
    operation.security ??= [];
  }
  return document;
}

function operations(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((path) =>
    HTTP_METHODS.map((method) => path[method]).filter((operation) => operation !== undefined),
  );
}

/**
 * Answers operations share, said once here rather than per route: the rate limit guards every route, every route
 * reads or writes the database, and every JSON body goes through the same parser and its checks.
 */
function documentSharedAnswers(operation: OperationObject): void {
  if (operation.requestBody) {
    operation.responses['413'] ??= {
      description: 'The body is larger than MAX_BODY_BYTES',
      content: ERROR_CONTENT,
    } satisfies ResponseObject;
    operation.responses['415'] ??= { description: 'A body that is not UTF-8', content: ERROR_CONTENT };
  }
  operation.responses['429'] ??= {
    description: 'Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS',
    content: ERROR_CONTENT,
  } satisfies ResponseObject;
  operation.responses['503'] ??= {
    description: 'The database is unavailable (a full disk, a held lock, an I/O error): nothing was changed. Retry.',
    content: ERROR_CONTENT,
  } satisfies ResponseObject;
}
