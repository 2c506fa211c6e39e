import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_DIFFICULTY } from '../core';
import { POW_KERNEL_SETTINGS, PowKernelSetting } from '../mining/proof-of-work/pow-kernel-setting';

/** Everything a node can be told at boot; validated before anything starts. */
export class NodeConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 5000;

  @IsString()
  @IsNotEmpty()
  host = '0.0.0.0';

  @IsString()
  @IsNotEmpty()
  databasePath = 'data/blockchain.sqlite';

  @IsInt()
  @Min(1)
  @Max(32)
  difficulty = DEFAULT_DIFFICULTY;

  @IsInt()
  @Min(100)
  @Max(600_000)
  peerTimeoutMs = 5000;

  @IsInt()
  @Min(1024)
  maxChainBytes = 64 * 1024 * 1024;

  @IsInt()
  @Min(1)
  @Max(1024)
  miningThreads = availableParallelism();

  @IsIn(POW_KERNEL_SETTINGS)
  powKernel: PowKernelSetting = 'auto';
}

type Setting = { [K in keyof NodeConfig]: { key: K; kind: 'integer' | 'string' } }[keyof NodeConfig];

/** Environment variable → setting; the README's configuration table lists the same. */
const ENVIRONMENT: Record<string, Setting> = {
  PORT: { key: 'port', kind: 'integer' },
  HOST: { key: 'host', kind: 'string' },
  DATABASE_PATH: { key: 'databasePath', kind: 'string' },
  DIFFICULTY: { key: 'difficulty', kind: 'integer' },
  PEER_TIMEOUT_MS: { key: 'peerTimeoutMs', kind: 'integer' },
  MAX_CHAIN_BYTES: { key: 'maxChainBytes', kind: 'integer' },
  MINING_THREADS: { key: 'miningThreads', kind: 'integer' },
  POW_KERNEL: { key: 'powKernel', kind: 'string' },
};

export class ConfigError extends Error {}

function settingValue(name: string, raw: string, kind: Setting['kind']): string | number {
  if (kind === 'string') return raw;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** Reads the node's settings from the environment and the reference's `--port`/`-p` flag (which wins). */
export function loadConfig(env: NodeJS.ProcessEnv, argv: string[]): NodeConfig {
  const values: Record<string, string | number> = {};
  const sources: Record<string, string> = {};
  for (const [name, setting] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    values[setting.key] = settingValue(name, raw, setting.kind);
    sources[setting.key] = name;
  }
  let flags;
  try {
    flags = parseArgs({ args: argv, options: { port: { type: 'string', short: 'p' } }, strict: true }).values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (flags.port !== undefined) {
    values.port = settingValue('--port', flags.port, 'integer');
    sources.port = '--port';
  }
  const config = plainToInstance(NodeConfig, values);
  const [problem] = validateSync(config);
  if (problem) {
    const constraint = Object.values(problem.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`${sources[problem.property] ?? problem.property}: ${constraint}`);
  }
  return config;
}
