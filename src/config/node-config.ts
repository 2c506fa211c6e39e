import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_DIFFICULTY } from '../core';
import { isAddressOrHostName, isAllowlistEntry } from './peer-allowlist';
import { POW_KERNEL_SETTINGS, PowKernelSetting } from './pow-kernel-setting';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything a node can be told at boot; validated before anything starts. */
export class NodeConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 5000;

  /** Every interface by default, as the reference listens: a node is a peer others must reach. */
  @IsString()
  @IsNotEmpty()
  host = '0.0.0.0';

  @IsString()
  @IsNotEmpty()
  databasePath = 'data/blockchain.sqlite';

  /** How long a write waits for the database while another process holds its write lock, before answering 503. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  databaseBusyTimeoutMs = 5000;

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

  /** How often to resolve against the peers on our own; 0 turns the background sync off. */
  @IsInt()
  @Min(0)
  syncIntervalMs = 30_000;

  /** A JSON genesis block the whole network shares; without one each node makes its own, as in the reference. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  genesisFile?: string;

  /** Hosts and CIDRs peers may be registered from; empty means any (link-local still refused). */
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  peerAllowlist: string[] = [];

  @IsInt()
  @Min(1)
  @Max(10_000)
  maxPeers = 64;

  /** When set, mining and peer administration need `Authorization: Bearer <token>`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  apiToken?: string;

  @IsInt()
  @Min(1024)
  maxBodyBytes = 1024 * 1024;

  /** Requests one client may make per window; 0 turns rate limiting off. */
  @IsInt()
  @Min(0)
  rateLimit = 1200;

  @IsInt()
  @Min(1)
  rateLimitWindowMs = 10_000;

  @IsInt()
  @Min(1)
  @Max(1024)
  miningThreads = availableParallelism();

  @IsIn(POW_KERNEL_SETTINGS)
  powKernel: PowKernelSetting = 'auto';

  /** The least important log events written; `silent` writes none. */
  @IsIn(LOG_LEVELS)
  logLevel: LogLevel = 'info';

  /** GET /health answers 503 when the database's file system has less free space than this. */
  @IsInt()
  @Min(0)
  healthMinFreeDiskBytes = 100 * 1024 * 1024;

  /** GET /health answers 503 when the event loop's delay (99th percentile over some 10 s) is above this. */
  @IsInt()
  @Min(1)
  healthMaxEventLoopDelayMs = 500;

  /** How often GET /events writes a comment to each listener, so that proxies and clients see the stream alive. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  eventsHeartbeatMs = 15_000;

  /** Listeners GET /events serves at once; beyond, it answers 503. 0 closes the stream to everyone. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  eventsMaxListeners = 1000;
}

type SettingKind = 'integer' | 'string' | 'list';
type Setting = { [K in keyof NodeConfig]-?: { key: K; kind: SettingKind } }[keyof NodeConfig];

/** Environment variable → setting; the README's configuration table lists the same. */
const ENVIRONMENT: Record<string, Setting> = {
  PORT: { key: 'port', kind: 'integer' },
  HOST: { key: 'host', kind: 'string' },
  DATABASE_PATH: { key: 'databasePath', kind: 'string' },
  DATABASE_BUSY_TIMEOUT_MS: { key: 'databaseBusyTimeoutMs', kind: 'integer' },
  DIFFICULTY: { key: 'difficulty', kind: 'integer' },
  PEER_TIMEOUT_MS: { key: 'peerTimeoutMs', kind: 'integer' },
  MAX_CHAIN_BYTES: { key: 'maxChainBytes', kind: 'integer' },
  SYNC_INTERVAL_MS: { key: 'syncIntervalMs', kind: 'integer' },
  GENESIS_FILE: { key: 'genesisFile', kind: 'string' },
  PEER_ALLOWLIST: { key: 'peerAllowlist', kind: 'list' },
  MAX_PEERS: { key: 'maxPeers', kind: 'integer' },
  API_TOKEN: { key: 'apiToken', kind: 'string' },
  MAX_BODY_BYTES: { key: 'maxBodyBytes', kind: 'integer' },
  RATE_LIMIT: { key: 'rateLimit', kind: 'integer' },
  RATE_LIMIT_WINDOW_MS: { key: 'rateLimitWindowMs', kind: 'integer' },
  MINING_THREADS: { key: 'miningThreads', kind: 'integer' },
  POW_KERNEL: { key: 'powKernel', kind: 'string' },
  LOG_LEVEL: { key: 'logLevel', kind: 'string' },
  HEALTH_MIN_FREE_DISK_BYTES: { key: 'healthMinFreeDiskBytes', kind: 'integer' },
  HEALTH_MAX_EVENT_LOOP_DELAY_MS: { key: 'healthMaxEventLoopDelayMs', kind: 'integer' },
  EVENTS_HEARTBEAT_MS: { key: 'eventsHeartbeatMs', kind: 'integer' },
  EVENTS_MAX_LISTENERS: { key: 'eventsMaxListeners', kind: 'integer' },
};

export class ConfigError extends Error {}

function settingValue(name: string, raw: string, kind: SettingKind): string | number | string[] {
  if (kind === 'string') return raw;
  if (kind === 'list') {
    return raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
  }
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** Reads the node's settings from the environment and the reference's `--port`/`-p` flag (which wins). */
export function loadConfig(env: NodeJS.ProcessEnv, argv: string[]): NodeConfig {
  const values: Record<string, string | number | string[]> = {};
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
  if (!isAddressOrHostName(config.host)) {
    throw new ConfigError(`HOST: "${config.host}" is not an IP address or host name (no scheme, port or brackets)`);
  }
  const badEntry = config.peerAllowlist.find((entry) => !isAllowlistEntry(entry));
  if (badEntry !== undefined)
    throw new ConfigError(`PEER_ALLOWLIST: "${badEntry}" is not a host name, IP address or CIDR`);
  return config;
}
