import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type AppConfig } from '#tandem/config';
import {
  EmbeddedPostgresServer,
  backupDatabase,
  dataSourceOptions,
  readBackupHeader,
  restoreDatabase,
  type TableCount,
} from '#tandem/database';
import { EMBEDDED_DATABASE_NAME, StartupError, exitOnStartupError, migrate, startRuntime } from '#tandem/runtime';
import { ALL_MIGRATIONS, recordedMigrationNames } from '../../../../migrations/index.js';

const USAGE = 'usage: backup create | restore <file>';

/**
 * `npm run backup` writes DATA_DIR/backups/<time>.dump of DATABASE_URL or, when unset, the
 * embedded server (used as it runs when `npm start` has it up, else started for the backup).
 * `npm run restore -- <file>` loads one into an empty database: it migrates it to the backup's
 * migrations, loads the rows, then applies any newer migrations.
 */
async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if (command !== 'create' && !(command === 'restore' && file)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig(process.env, { isTty: Boolean(process.stdout.isTTY) });
  const database = await openDatabase(config);
  try {
    if (command === 'create') {
      const dir = path.join(config.dataDir, 'backups');
      await fs.mkdir(dir, { recursive: true });
      const now = new Date();
      const target = path.join(
        dir,
        `${now
          .toISOString()
          .replace(/:/g, '-')
          .replace(/\.\d+Z$/, 'Z')}.dump`,
      );
      const counts = await backupDatabase(database.url, target, now);
      report(`backed up ${database.label} to ${shown(target)}`, counts);
    } else {
      await restore(database, path.resolve(file));
    }
  } finally {
    await database.stop();
  }
}

async function restore(database: OpenDatabase, file: string): Promise<void> {
  const header = await readBackupHeader(file);
  const known = recordedMigrationNames();
  if (header.migrations.some((name, index) => known[index] !== name)) {
    throw new Error(`${file} was made by a Tandem whose migrations this one does not have: restore it with that version`);
  }
  // The schema as it was when the backup was made, then the rows, then whatever came since.
  const atBackup = new DataSource({
    ...dataSourceOptions({ url: database.url, poolSize: 2, applicationName: 'tandem-restore' }),
    migrations: ALL_MIGRATIONS.slice(0, header.migrations.length),
  });
  await atBackup.initialize();
  try {
    await atBackup.runMigrations({ transaction: 'each' });
  } finally {
    await atBackup.destroy();
  }
  const counts = await restoreDatabase(database.url, file);
  const applied = await migrate({ databaseUrl: database.url, logger: pino({ level: 'warn' }), migrations: ALL_MIGRATIONS });
  report(`restored ${shown(file)} into ${database.label}${applied.length ? `, then applied ${applied.join(', ')}` : ''}`, counts);
}

interface OpenDatabase {
  url: string;
  label: string;
  stop(): Promise<void>;
}

async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.database.kind === 'embedded') {
    // A running `npm start` owns the server: use it rather than start (and stop) a second one.
    const url = new EmbeddedPostgresServer({
      dataDir: config.database.dataDir,
      port: config.database.port,
      database: EMBEDDED_DATABASE_NAME,
    }).url;
    if (await answers(url))
      return { url, label: `the running embedded PostgreSQL (${shown(config.database.dataDir)})`, stop: async () => undefined };
  }
  const runtime = await startRuntime({ name: 'tandem-backup', migrate: false, migrations: ALL_MIGRATIONS, config });
  return { url: runtime.databaseUrl, label: runtime.databaseLabel, stop: () => runtime.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A path as the operator typed it: relative under the working directory, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function report(what: string, counts: TableCount[]): void {
  const rows = counts.reduce((sum, table) => sum + table.rows, 0);
  process.stdout.write(`${what}: ${rows} rows in ${counts.length} tables\n`);
  for (const table of counts) process.stdout.write(`  ${table.table.padEnd(32)} ${table.rows}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) exitOnStartupError(error);
  process.stderr.write(`tandem: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
