import { z } from 'zod';
import { AppError } from '../errors.js';
import proxyAddr from '@fastify/proxy-addr';
import { join } from 'node:path';

/**
 * The one schema for configuration. Flags win over environment variables,
 * which win over defaults. The schema validates and never silently transforms
 * a bad value into a good one: an invalid port is an error, not port 3000.
 */
const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  /** Where image variants are kept (default `<dataDir>/media`); shared by every process of a site. */
  mediaDir: z.string().min(1).optional(),
  demo: z.boolean(),
  databaseUrl: z.string().url().optional(),
  redisUrl: z.string().url().optional(),
  secret: z.string().min(16).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  counterFlushMs: z.coerce.number().int().min(10).max(1000),
  /** View reports one client address may send per minute (benches raise it; see docs/counters.md). */
  counterRateLimit: z.coerce.number().int().min(1),
  /** Hops trusted to report the client (see web/trust-proxy.ts and docs/deploy.md). */
  trustProxy: z.union([z.boolean(), z.number().int().min(0).max(32), z.array(z.string().min(1)).min(1)]),
  /** How long a client may take to send one request, headers and body (ms). */
  requestTimeoutMs: z.coerce.number().int().min(1000).max(600_000),
  /** Memory for rendered pages, in MiB (0: no page cache; every request renders). */
  pageCacheMb: z.coerce.number().int().min(0).max(65_536),
  /** Public address of the site, for canonical links, feeds and sitemaps (default: http://host:port). */
  baseUrl: z.string().url().optional(),
  /** The Related index's snapshot file (default `<dataDir>/related-index.snapshot`; none for `:memory:` or `off`). */
  relatedSnapshot: z.string().min(1).optional(),
  /** Server processes `serve` runs on the one port (1: this process serves; more: a primary forks them). */
  workers: z.coerce.number().int().min(1).max(64),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Flags as the CLI passes them (all optional; undefined means "not given"). */
export interface ConfigFlags {
  port?: string | number;
  host?: string;
  data?: string;
  demo?: boolean;
  logLevel?: string;
  baseUrl?: string;
  workers?: string | number;
}

const defaults = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: './data',
  demo: true,
  logLevel: 'info',
  counterFlushMs: 1000,
  counterRateLimit: 300,
  trustProxy: false,
  requestTimeoutMs: 30_000,
  pageCacheMb: 64,
  workers: 1,
} as const;

function envBool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value as unknown as boolean; // let the schema reject it with a clear message
}

/**
 * MASTHEAD_TRUST_PROXY: `true`/`false`, a number of hops (`1` = the one proxy in front), or a
 * comma-separated list of proxy addresses and CIDR ranges.
 */
function trustProxySetting(value: string | undefined): boolean | number | string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (err) {
    throw new AppError('MH_ERR_CONFIG', `Invalid MASTHEAD_TRUST_PROXY (${JSON.stringify(value)}): ${(err as Error).message}; give a hop count, true/false, or addresses and CIDR ranges separated by commas`);
  }
  return list;
}

/**
 * MASTHEAD_RELATED_SNAPSHOT: a path, or `off`. Unset, the snapshot lives in the data folder, which
 * a PostgreSQL site has too (its media are there); an in-memory site keeps none.
 */
function relatedSnapshotSetting(value: string | undefined, dataDir: string): string | undefined {
  const v = value?.trim();
  if (v && /^(off|false|no|0)$/i.test(v)) return undefined;
  if (v) return v;
  return dataDir === ':memory:' ? undefined : join(dataDir, 'related-index.snapshot');
}

/** Builds the frozen Config from flags and an environment (process.env by default). */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = flags.data ?? env.MASTHEAD_DATA_DIR ?? defaults.dataDir;
  const raw = {
    port: flags.port ?? env.MASTHEAD_PORT ?? env.PORT ?? defaults.port,
    host: flags.host ?? env.MASTHEAD_HOST ?? defaults.host,
    dataDir,
    mediaDir: env.MASTHEAD_MEDIA_DIR || undefined,
    demo: flags.demo ?? envBool(env.MASTHEAD_DEMO) ?? defaults.demo,
    databaseUrl: env.MASTHEAD_DATABASE_URL || undefined,
    redisUrl: env.MASTHEAD_REDIS_URL || undefined,
    secret: env.MASTHEAD_SECRET || undefined,
    logLevel: flags.logLevel ?? env.MASTHEAD_LOG_LEVEL ?? defaults.logLevel,
    counterFlushMs: env.MASTHEAD_COUNTER_FLUSH_MS ?? defaults.counterFlushMs,
    counterRateLimit: env.MASTHEAD_COUNTER_RATE_LIMIT ?? defaults.counterRateLimit,
    trustProxy: trustProxySetting(env.MASTHEAD_TRUST_PROXY) ?? defaults.trustProxy,
    baseUrl: flags.baseUrl ?? (env.MASTHEAD_BASE_URL || undefined),
    requestTimeoutMs: env.MASTHEAD_REQUEST_TIMEOUT_MS || defaults.requestTimeoutMs,
    pageCacheMb: env.MASTHEAD_PAGE_CACHE_MB || defaults.pageCacheMb,
    relatedSnapshot: relatedSnapshotSetting(env.MASTHEAD_RELATED_SNAPSHOT, dataDir),
    workers: flags.workers ?? (env.MASTHEAD_WORKERS || defaults.workers),
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'config';
    throw new AppError('MH_ERR_CONFIG', `Invalid ${field} (${JSON.stringify(raw[field as keyof typeof raw])}): ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}
