import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#tandem/database';
import { ALL_MIGRATIONS } from '../migrations/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('are listed oldest first with unique names', () => {
    const names = ALL_MIGRATIONS.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(new Set(names).size).toBe(names.length);
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('apply in order to an empty database', async () => {
    expect(await tables(database.url)).toEqual([]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
    expect(await tables(database.url)).toEqual(expect.arrayContaining(['practice', 'typeorm_migrations']));
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('revert one by one back to an empty schema', async () => {
    for (let i = 0; i < ALL_MIGRATIONS.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables(database.url)).toEqual(['typeorm_migrations']);
  });

  it('apply again after a full revert', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(ALL_MIGRATIONS.length);
  });
});
