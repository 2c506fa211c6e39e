import { ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { validationException } from './common/field-errors';
import { checkJsonBody } from './common/json-body-check';
import { answerClientErrorsWithJson } from './common/json-client-errors';
import { JsonExceptionFilter } from './common/json-exception.filter';
import { PythonJsonInterceptor } from './common/python-json.interceptor';
import { NodeConfig } from './config/node-config';

/** Pipes, filters, serialization and API docs: shared by main.ts and the e2e tests so both run the same node. */
export function configureApp(app: NestExpressApplication): void {
  answerClientErrorsWithJson(app.getHttpServer());
  app.useBodyParser('json', { limit: app.get(NodeConfig).maxBodyBytes, verify: checkJsonBody });
  // Unknown fields are dropped, as the reference ignores them; wrong types are a 400 naming the field.
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidUnknownValues: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new JsonExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useGlobalInterceptors(new PythonJsonInterceptor());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Blockchain node')
      .setDescription(
        'The tutorial blockchain API, exactly: chain, transactions, mining and peer consensus, wire-compatible ' +
          'with the reference Python node. Errors are JSON: {statusCode, message, error}, plus errors: [{field, rule, ' +
          'message}] on a 400 for bad fields.',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API_TOKEN, when the node has one' })
      .build(),
  );
  documentRateLimit(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The rate limit guards every route, so every operation may answer 429: said once here rather than per route. */
function documentRateLimit(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method];
      if (!operation) continue;
      operation.responses['429'] ??= {
        description: 'Too many requests from this client: RATE_LIMIT per RATE_LIMIT_WINDOW_MS',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } },
      };
    }
  }
}
