import path from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, redactUrl } from './load-config.js';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('runs with nothing configured: embedded database, PostgreSQL queue, outbox mail', () => {
    const config = loadConfig({}, { cwd: '/srv/tandem' });
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({
      kind: 'embedded',
      dataDir: path.join('/srv/tandem/var/pg'),
      port: 54329,
      poolSize: 10,
      timeouts: { connectMs: 5000, statementMs: 15_000, idleInTransactionMs: 30_000 },
    });
    expect(config.liveness).toEqual({ poolStallSeconds: 60, eventLoopLagMs: 5000 });
    expect(config.queue).toEqual({ kind: 'postgres', schema: 'bullmq', prefix: 'tandem', concurrency: 8, lockSeconds: 30 });
    expect(config.outboxRequeueSeconds).toBe(60);
    expect(config.mail).toEqual({ kind: 'outbox', dir: '/srv/tandem/var/outbox', from: 'Tandem <no-reply@tandem.localhost>' });
    expect(config.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.isProduction).toBe(false);
    expect(config.metricsToken).toBeNull();
    expect(config.metricsPort).toBeNull();
    // Replies by email: on in the embedded default, on a local port.
    expect(config.inboundMail).toEqual({ host: '127.0.0.1', port: 2525, domain: 'localhost' });
  });

  it('receives replies by email only when configured once a database is (INBOUND_SMTP_PORT), or not at all with off', () => {
    const external = { DATABASE_URL: 'postgres://db/tandem', APP_URL: 'https://coach.example.com' };
    expect(loadConfig(external).inboundMail).toBeNull();
    expect(loadConfig({ ...external, INBOUND_SMTP_PORT: '2626', INBOUND_SMTP_HOST: '0.0.0.0' }).inboundMail).toEqual({
      host: '0.0.0.0',
      port: 2626,
      domain: 'coach.example.com',
    });
    expect(loadConfig({ ...external, INBOUND_SMTP_PORT: '25', INBOUND_MAIL_DOMAIN: 'Reply.Example.com' }).inboundMail?.domain).toBe(
      'reply.example.com',
    );
    expect(loadConfig({ INBOUND_SMTP_PORT: 'off' }).inboundMail).toBeNull();
    expect(() => loadConfig({ INBOUND_SMTP_PORT: 'x' })).toThrow(/INBOUND_SMTP_PORT/);
    expect(() => loadConfig({ INBOUND_MAIL_DOMAIN: 'not a domain' })).toThrow(/INBOUND_MAIL_DOMAIN must be a domain name/);
  });

  it('switches each backend to an external service when its URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:pw@db:5432/tandem',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:1025',
    });
    expect(config.database).toEqual({
      kind: 'external',
      url: 'postgres://app:pw@db:5432/tandem',
      poolSize: 10,
      timeouts: { connectMs: 5000, statementMs: 15_000, idleInTransactionMs: 30_000 },
    });
    expect(config.queue).toMatchObject({ kind: 'redis', url: 'redis://cache:6379' });
    expect(config.mail).toMatchObject({ kind: 'smtp', url: 'smtp://mail:1025' });
  });

  it('reads the database timeouts and liveness limits', () => {
    const config = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000',
      LIVENESS_POOL_STALL_SECONDS: '90',
      LIVENESS_EVENT_LOOP_LAG_MS: '8000',
    });
    expect(config.database.timeouts).toEqual({ connectMs: 1500, statementMs: 2000, idleInTransactionMs: 3000 });
    expect(config.liveness).toEqual({ poolStallSeconds: 90, eventLoopLagMs: 8000 });
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toThrow(
      'DATABASE_STATEMENT_TIMEOUT_MS must be between 1 and 3600000 (got "0")',
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).database.kind).toBe('embedded');
  });

  it('picks pretty logs for a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(loadConfig({}, { isTty: true }).logFormat).toBe('pretty');
    expect(loadConfig({}, { isTty: false }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, { isTty: true }).logFormat).toBe('json');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a URL starting with redis:// or rediss://'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must be a URL starting with smtp:// or smtps://'],
    [{ APP_URL: 'not a url' }, 'APP_URL must be a URL starting with http:// or https://'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM must be an address like'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY must be between 1 and 256'],
    [{ QUEUE_SCHEMA: 'Robert"); DROP' }, 'QUEUE_SCHEMA must be a lower-case identifier'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters long'],
    [{ METRICS_PORT: 'nine' }, 'METRICS_PORT must be a whole number (got "nine")'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT must be between 1 and 65535'],
  ])('rejects %j with a one-line message naming the variable', (env, expected) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', EMBEDDED_PG_PORT: '-1' })).toThrow(
      /PORT must be a whole number.*; EMBEDDED_PG_PORT must be between 1 and 65535/,
    );
  });

  it('never echoes a URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('reads the metrics token and the worker metrics port when set, and treats empty ones as unset', () => {
    const config = loadConfig({ METRICS_TOKEN: 'm'.repeat(16), METRICS_PORT: '9464' });
    expect(config.metricsToken).toBe('m'.repeat(16));
    expect(config.metricsPort).toBe(9464);
    expect(loadConfig({ METRICS_TOKEN: ' ', METRICS_PORT: '' })).toMatchObject({ metricsToken: null, metricsPort: null });
  });

  it('never echoes a metrics token, even a rejected one', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'hunter2' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('refuses production without a real JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET must be set');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow('JWT_SECRET must be set');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).isProduction).toBe(true);
  });

  it('logs JSON in production even on a terminal', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }, { isTty: true }).logFormat).toBe('json');
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://app:secret@db:5432/tandem')).toBe('postgres://app:***@db:5432/tandem');
    expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });
});
