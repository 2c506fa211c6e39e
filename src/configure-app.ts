import { ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { buildApiDocument } from './common/api-document';
import { validationException } from './common/field-errors';
import { checkJsonBody } from './common/json-body-check';
import { answerClientErrorsWithJson } from './common/json-client-errors';
import { JsonExceptionFilter } from './common/json-exception.filter';
import { PythonJsonInterceptor } from './common/python-json.interceptor';
import { NodeConfig } from './config/node-config';
import { MetricsService } from './metrics/metrics.service';

/**
 * Pipes, filters, serialization and API docs: shared by main.ts and the e2e tests so both run the same node.
 * Returns the API document it serves.
 */
export function configureApp(app: NestExpressApplication): OpenAPIObject {
  answerClientErrorsWithJson(app.getHttpServer());
  // Nothing to gain from naming the framework to every client, and most answers go to other nodes: bytes on the wire.
  app.disable('x-powered-by');
  // First, so that every answer is timed, the body parser's refusals included.
  app.use(app.get(MetricsService).timeRequests);
  app.useBodyParser('json', { limit: app.get(NodeConfig).maxBodyBytes, verify: checkJsonBody });
  // Unknown fields are dropped, as the reference ignores them; wrong types are a 400 naming the field.
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidUnknownValues: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new JsonExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useGlobalInterceptors(new PythonJsonInterceptor());
  const document = buildApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
