#!/usr/bin/env node
// `npx blockchain` (package.json "bin"): runs the command line compiled by `npm install` (scripts/build-cli.js) in
// the build dist-cli/current names, never the TypeScript sources, so that it starts fast.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const builds = join(__dirname, '..', 'dist-cli');
let build;
try {
  build = readFileSync(join(builds, 'current'), 'utf8').trim();
} catch {
  console.error('The command line is not built: run npm install (or npm run build:cli) in this checkout first.');
  process.exit(1);
}
require(join(builds, build, 'cli', 'main.js'))
  .run(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
