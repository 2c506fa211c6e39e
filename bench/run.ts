import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileNode } from './support/build';
import { removeDirectory } from './support/processes';
import { TABLE_HEADER } from './support/report';

/**
 * `npm run bench [-- name ...]`: runs every bench/*.bench.ts (or those whose name contains one of the given words)
 * one after the other, each in its own process, and prints their rows under one table header.
 */
async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const scripts = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (scripts.length === 0) throw new Error(`no bench/*.bench.ts matches ${filters.join(', ')}`);
  const buildDirectory = compileNode();
  const rows: string[] = [];
  const failed: string[] = [];
  try {
    for (const script of scripts) {
      console.error(`${script}`);
      const { code, output } = await runScript(join(__dirname, script), buildDirectory);
      rows.push(...output.split('\n').filter((line) => line.startsWith('|')));
      if (code !== 0) failed.push(script);
    }
  } finally {
    removeDirectory(buildDirectory);
  }
  console.log(`\n${TABLE_HEADER}\n${rows.join('\n')}`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

function runScript(path: string, buildDirectory: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path], {
      env: { ...process.env, BENCH_BUILD_DIR: buildDirectory },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

void main();
