import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { aClient, aClientLogin, anEngagement, anOwner } from './support/factories.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TestApi } from './support/test-api.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/apps/api/src/cli/backup.js');

/** The backup CLI as `npm run backup` / `npm run restore -- <file>` run it (after build:fast). */
function backupCli(args: string[], env: Record<string, string>) {
  return run(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
  });
}

/** Every table's row count and a digest of its rows, in a stable order. */
async function contents(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY tablename`,
      )
    ).rows.map((row) => row.name);
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const table of tables) {
      const [row] = (
        await client.query<{ rows: number; digest: string }>(
          `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
        )
      ).rows;
      result[table] = row!;
    }
    return result;
  } finally {
    await client.end();
  }
}

/**
 * `npm run backup` writes DATA_DIR/backups/<time>.dump; `npm run restore -- <file>` loads it
 * into an empty database. The embedded server's package ships no pg_dump, so the backup is
 * Tandem's own (gzip'd JSON lines read in one snapshot); here it runs against the test server.
 */
describe('backup and restore', () => {
  let api: TestApi;
  let fresh: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    api = await TestApi.start();
    fresh = await createTestDatabase({ migrated: false });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-backup-'));
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:fast first`);
  });
  afterAll(async () => {
    await api?.close();
    await fresh?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('restores a backup of a database with data into a new one, row for row', async () => {
    // A practice with a coach, a client with a portal login, an engagement (sessions, planned emails), a failed log-in.
    const owner = await anOwner(api);
    const client = await aClient(api, owner);
    await aClientLogin(api, owner, client.id);
    await anEngagement(api, owner, client.id);
    await api.anonymous().raw(`mutation { logIn(input: { email: "nobody@example.com", password: "not-the-password" }) { accessToken } }`);
    const before = await contents(api.runtime.databaseUrl);
    for (const table of [
      'practice',
      'app_user',
      'client',
      'engagement',
      'coaching_session',
      'notification',
      'refresh_token',
      'login_attempt',
      'audit_event',
    ]) {
      expect({ table, hasRows: before[table].rows > 0 }).toEqual({ table, hasRows: true });
    }

    const backup = await backupCli(['create'], { DATABASE_URL: api.runtime.databaseUrl, DATA_DIR: dataDir });
    const [file] = readdirSync(path.join(dataDir, 'backups'));
    expect(file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.dump$/);
    expect(backup.stdout).toContain(`backups/${file}`);

    const restored = await backupCli(['restore', path.join(dataDir, 'backups', file)], { DATABASE_URL: fresh.url, DATA_DIR: dataDir });
    expect(restored.stdout).toMatch(/^restored /);
    expect(await contents(fresh.url)).toEqual(before);

    // The restored database is a working one: migrations recorded, identities continue after the restored rows.
    const check = new pg.Client({ connectionString: fresh.url });
    await check.connect();
    try {
      const migrations = await check.query(`SELECT name FROM typeorm_migrations`);
      expect(migrations.rowCount).toBeGreaterThan(0);
      const [{ max }] = (await check.query<{ max: string }>(`SELECT max(id)::text AS max FROM login_attempt`)).rows as [{ max: string }];
      const inserted = await check.query<{ id: string }>(
        `INSERT INTO login_attempt (email, ip, succeeded) VALUES ('later@example.com', '127.0.0.1', false) RETURNING id::text`,
      );
      expect(BigInt(inserted.rows[0].id)).toBeGreaterThan(BigInt(max));
    } finally {
      await check.end();
    }
  });

  it('refuses to restore into a database that has data, and changes nothing there', async () => {
    const [file] = readdirSync(path.join(dataDir, 'backups'));
    const before = await contents(api.runtime.databaseUrl);
    const failure = await backupCli(['restore', path.join(dataDir, 'backups', file)], {
      DATABASE_URL: api.runtime.databaseUrl,
      DATA_DIR: dataDir,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/not empty/);
    expect(await contents(api.runtime.databaseUrl)).toEqual(before);
  });
});
