// `npm install` runs this: compiles the native proof-of-work kernel with node-gyp, silently when it builds. When it
// does not (no python3, make or C compiler), it says so in one line and keeps the compiler's output in a file, and
// the install goes on: the node then mines with the pure JS kernel.
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

// npm names the node-gyp it bundles; run outside npm, take the one on PATH.
const nodeGyp = process.env.npm_config_node_gyp;
const build = nodeGyp
  ? spawnSync(process.execPath, [nodeGyp, 'rebuild'], { encoding: 'utf8' })
  : spawnSync('node-gyp', ['rebuild'], { encoding: 'utf8', shell: process.platform === 'win32' });

if (build.status !== 0) {
  const log = join(__dirname, '..', 'build', 'native-build.log');
  mkdirSync(join(log, '..'), { recursive: true });
  writeFileSync(log, `${build.stdout ?? ''}${build.stderr ?? ''}${build.error ? `${build.error.stack}\n` : ''}`);
  console.warn(
    'WARNING: the native proof-of-work kernel did not build, so the node will mine with the pure JS kernel (about 4x ' +
      `slower). It needs python3, make and a C compiler; node-gyp's output is in ${relative(process.cwd(), log)}.`,
  );
}
