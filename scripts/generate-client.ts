import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import openapiTS, { astToString, OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { AppModule } from '../src/app.module';
import { NodeConfig } from '../src/config/node-config';
import { configureApp } from '../src/configure-app';

const ROOT = join(__dirname, '..');

/** Where the typed client's types live, checked in beside it. */
const CLIENT_SCHEMA_PATH = join(ROOT, 'src', 'client', 'api-schema.ts');

/** The document a node serves, from a node on a scratch database. */
async function apiDocument(): Promise<OpenAPIObject> {
  const directory = mkdtempSync(join(tmpdir(), 'blockchain-node-client-'));
  try {
    const config = Object.assign(new NodeConfig(), { databasePath: join(directory, 'chain.sqlite') });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: false });
    const document = configureApp(app);
    // Initialized, as a listening node is, so that it closes as one does.
    await app.init();
    await app.close();
    return document;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The client's types for the document, formatted as the repository formats code. */
async function renderClientSchema(document: OpenAPIObject): Promise<string> {
  const types = astToString(await openapiTS(document as unknown as OpenAPI3));
  const options = await resolveConfig(CLIENT_SCHEMA_PATH);
  return format(types, { ...options, filepath: CLIENT_SCHEMA_PATH });
}

/**
 * `npm run client:generate` writes the typed client's types from the API document; with `--check [file]` it
 * writes nothing and exits 1 when the file (the checked-in types by default) is not what it would write.
 */
async function main([mode, file = CLIENT_SCHEMA_PATH]: string[]): Promise<void> {
  const schema = await renderClientSchema(await apiDocument());
  const name = relative(ROOT, file);
  if (mode !== '--check') {
    writeFileSync(file, schema);
    console.log(`Wrote ${name}`);
  } else if (readFileSync(file, 'utf8') !== schema) {
    console.error(`${name} is stale: the API document changed. Run npm run client:generate and commit the result.`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
