import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresServer } from '#tandem/database';
import { freePort } from './support/free-port.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function postgresRunningOn(dataDir: string): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .some((line) => line.includes(`-D ${dataDir}`));
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-embedded-'));
    await fs.chmod(root, 0o755); // reachable by the postgres user when tests run as root
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('initialises a data directory, keeps data across a stop and a start, and stops cleanly', async () => {
    const dataDir = path.join(root, 'pg');
    const port = await freePort();
    const first = new EmbeddedPostgresServer({ dataDir, port, database: 'tandem' });
    await first.start();
    await query(first.url, 'CREATE TABLE kept (value text)');
    await query(first.url, "INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(postgresRunningOn(dataDir)).toBe(false);

    const second = new EmbeddedPostgresServer({ dataDir, port, database: 'tandem' });
    await second.start();
    try {
      expect(await query<{ value: string }>(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('says which port is taken when it cannot start', async () => {
    const dataDir = path.join(root, 'busy');
    const port = await freePort();
    const holder = new EmbeddedPostgresServer({ dataDir: path.join(root, 'holder'), port, database: 'tandem' });
    await holder.start();
    try {
      const second = new EmbeddedPostgresServer({ dataDir, port, database: 'tandem' });
      await expect(second.start()).rejects.toThrow(/did not start on port \d+.*EMBEDDED_PG_PORT/);
      await second.stop();
    } finally {
      await holder.stop();
    }
  });
});
