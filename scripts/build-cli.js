// Compiles the command line (src/cli and what it imports) for bin/blockchain.js; `npm install` and `npm run build`
// run it. Each build goes to a folder of its own under dist-cli/, and dist-cli/current names the one to run, written
// last and by a rename: a command starting meanwhile runs one whole build or the other, never half of one (tsc
// writes file by file). A compile error writes nothing (noEmitOnError in tsconfig.cli.json).
const { spawnSync } = require('node:child_process');
const { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUILDS = join(ROOT, 'dist-cli');
const POINTER = join(BUILDS, 'current');

/** When a build folder (`build-<ms>-<pid>`) was started. */
const startedAt = (name) => Number(name.split('-')[1]);

function currentBuild() {
  try {
    return readFileSync(POINTER, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Builds the command line; returns the compiler's complaint when it fails, undefined when it built. */
function buildCli() {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return 'TypeScript is missing: the command line is built with the development dependencies installed';
  }
  const name = `build-${Date.now()}-${process.pid}`;
  const compiled = spawnSync(
    process.execPath,
    [tsc, '-p', join(ROOT, 'tsconfig.cli.json'), '--outDir', join(BUILDS, name)],
    { encoding: 'utf8' },
  );
  if (compiled.status !== 0) {
    rmSync(join(BUILDS, name), { recursive: true, force: true });
    return `${compiled.stdout}${compiled.stderr}${compiled.error ? compiled.error.message : ''}`.trim();
  }
  const previous = currentBuild();
  writeFileSync(`${POINTER}.${process.pid}`, `${name}\n`);
  renameSync(`${POINTER}.${process.pid}`, POINTER);
  // The build just replaced stays, for a command that started on it and has modules left to load; older ones go.
  // Builds started later than it are someone else's, under way.
  if (previous) {
    for (const entry of readdirSync(BUILDS)) {
      if (entry.startsWith('build-') && startedAt(entry) < startedAt(previous)) {
        rmSync(join(BUILDS, entry), { recursive: true, force: true });
      }
    }
  }
  return undefined;
}

module.exports = { buildCli };

if (require.main === module) {
  const failure = buildCli();
  if (failure) {
    console.error(`The command line did not build:\n${failure}`);
    process.exitCode = 1;
  }
}
