import path from 'node:path';
import { z } from 'zod';
import { AppConfig } from './app-config.js';
import { parseTrustProxy } from './trust-proxy.js';

/** The development JWT secret; production refuses to start with it. */
export const DEVELOPMENT_JWT_SECRET = 'tandem-development-secret-do-not-use-in-production';

/** Where the embedded default's inbound SMTP receiver (replies by email) listens. */
export const DEFAULT_INBOUND_SMTP_PORT = 2525;

/** Raised when the environment is invalid. Its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = () => z.preprocess(emptyAsUndefined, z.string().optional());

const urlWithProtocols = (protocols: string[]) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (value) => {
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      )
      .optional(),
  );

const portNumber = () =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535');

const port = (fallback: number) => z.preprocess(emptyAsUndefined, portNumber().default(fallback));

const optionalPort = () => z.preprocess(emptyAsUndefined, portNumber().optional());

const positiveInt = (fallback: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, `must be between 1 and ${max}`)
      .max(max, `must be between 1 and ${max}`)
      .default(fallback),
  );

const identifier = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier (letters, digits, underscore)')
      .default(fallback),
  );

const mailbox = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .max(320)
    .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address like "Tandem <hello@example.com>"')
    .default('Tandem <no-reply@tandem.localhost>'),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'test', 'production']).default('development')),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  PORT: port(3000),
  APP_URL: urlWithProtocols(['http:', 'https:']),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('var')),
  JWT_SECRET: optionalString(),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['json', 'pretty']).optional()),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: positiveInt(10, 200),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000, 3_600_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt(30_000, 3_600_000),
  LIVENESS_POOL_STALL_SECONDS: positiveInt(60, 3600),
  LIVENESS_EVENT_LOOP_LAG_MS: positiveInt(5000, 600_000),
  EMBEDDED_PG_PORT: port(54329),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  QUEUE_PREFIX: identifier('tandem'),
  QUEUE_SCHEMA: identifier('bullmq'),
  WORKER_CONCURRENCY: positiveInt(8, 256),
  JOB_LOCK_SECONDS: positiveInt(30, 3600),
  OUTBOX_REQUEUE_SECONDS: positiveInt(60, 86_400),
  RETENTION_DAYS: positiveInt(90, 3650),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']),
  MAIL_FROM: mailbox,
  INBOUND_SMTP_PORT: z.preprocess(emptyAsUndefined, z.union([z.literal('off'), portNumber()]).optional()),
  INBOUND_SMTP_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  INBOUND_MAIL_DOMAIN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'must be a domain name like reply.example.com')
      .optional(),
  ),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters long').optional()),
  METRICS_PORT: optionalPort(),
  ADMIN_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(24, 'must be at least 24 characters long').optional()),
  TRUST_PROXY: optionalString(),
  SHUTDOWN_TIMEOUT_MS: positiveInt(20_000, 600_000),
  BUILD_COMMIT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9A-Za-z._-]{1,64}$/, 'must be a commit id or tag (letters, digits, . _ -)')
      .optional(),
  ),
});

export interface LoadConfigOptions {
  /** Whether standard output is a terminal; decides the default log format. */
  isTty?: boolean;
  /** Directory that relative paths (DATA_DIR) resolve against. */
  cwd?: string;
}

/**
 * Parses and checks every variable Tandem reads. Pure: give it an environment,
 * get a config or a ConfigError whose one-line message names what is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const raw = env[variable];
      const secret = variable.includes('SECRET') || variable.includes('TOKEN') || variable.endsWith('_URL');
      const shown = secret ? '' : raw === undefined ? '' : ` (got "${raw}")`;
      return `${variable} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';

  if (production && (!e.JWT_SECRET || e.JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
    throw new ConfigError(
      'Invalid configuration: JWT_SECRET must be set to a random secret of at least 32 characters when NODE_ENV=production',
    );
  }
  if (e.JWT_SECRET !== undefined && e.JWT_SECRET.length < 32) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be at least 32 characters long');
  }

  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (!Array.isArray(trustProxy) && typeof trustProxy === 'object') {
    throw new ConfigError(`Invalid configuration: TRUST_PROXY ${trustProxy.problem} (got "${e.TRUST_PROXY}")`);
  }

  const dataDir = path.resolve(options.cwd ?? process.cwd(), e.DATA_DIR);
  const config: Omit<AppConfig, 'isProduction'> = {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir,
    jwtSecret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (options.isTty && !production ? 'pretty' : 'json'),
    database: {
      ...(e.DATABASE_URL
        ? { kind: 'external' as const, url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
        : { kind: 'embedded' as const, dataDir: path.join(dataDir, 'pg'), port: e.EMBEDDED_PG_PORT, poolSize: e.DATABASE_POOL_SIZE }),
      timeouts: {
        connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
        statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    },
    liveness: { poolStallSeconds: e.LIVENESS_POOL_STALL_SECONDS, eventLoopLagMs: e.LIVENESS_EVENT_LOOP_LAG_MS },
    queue: e.REDIS_URL
      ? { kind: 'redis', url: e.REDIS_URL, prefix: e.QUEUE_PREFIX, concurrency: e.WORKER_CONCURRENCY, lockSeconds: e.JOB_LOCK_SECONDS }
      : {
          kind: 'postgres',
          schema: e.QUEUE_SCHEMA,
          prefix: e.QUEUE_PREFIX,
          concurrency: e.WORKER_CONCURRENCY,
          lockSeconds: e.JOB_LOCK_SECONDS,
        },
    outboxRequeueSeconds: e.OUTBOX_REQUEUE_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    mail: e.SMTP_URL
      ? { kind: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM }
      : { kind: 'outbox', dir: path.join(dataDir, 'outbox'), from: e.MAIL_FROM },
    // Off unless configured, except in the embedded default (no DATABASE_URL: `npm start` on one machine), where it listens on 2525.
    inboundMail:
      e.INBOUND_SMTP_PORT === 'off' || (e.INBOUND_SMTP_PORT === undefined && e.DATABASE_URL)
        ? null
        : {
            host: e.INBOUND_SMTP_HOST,
            port: e.INBOUND_SMTP_PORT ?? DEFAULT_INBOUND_SMTP_PORT,
            domain: (e.INBOUND_MAIL_DOMAIN ?? (new URL(e.APP_URL ?? 'http://localhost').hostname || 'localhost')).toLowerCase(),
          },
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPort: e.METRICS_PORT ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    trustProxy,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    buildCommit: e.BUILD_COMMIT ?? null,
  };
  return Object.assign(Object.create(AppConfig.prototype) as AppConfig, config);
}

/** A URL with its password replaced, fit for logs and banners. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
