import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#tandem/database';
import { ALL_MIGRATIONS } from '../migrations/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The name TypeORM records for a migration in typeorm_migrations (its `name`, else the class name). */
const recordedNames = () => ALL_MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);

/**
 * What databases in the field have recorded, oldest first. A migration is known by this name:
 * renaming one would run it again on every database that already has it. New migrations
 * follow these; none of these may change.
 */
const RELEASED = [
  'CreatePractice1763900000000',
  'CoachingDomain1763910000000',
  'Notifications1763920000000',
  'BenchIndexes1763930000000',
  'RollingSessionPlan1764000000000',
  'NotificationPlannedSendAt1764010000000',
  'SponsorConsentAndCommentReads1764020000000',
  'EngagementMeetingUrl1764030000000',
  'RateLimitCounter1764040000000',
  'ActionItemCompletedBy1764050000000',
  'RetentionIndexes1764080000000',
];

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
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 2, migrations: ALL_MIGRATIONS })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('are listed oldest first with unique names', () => {
    const names = recordedNames();
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(new Set(names).size).toBe(names.length);
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('keep the names databases have recorded, whatever their classes are called now', () => {
    expect(recordedNames().slice(0, RELEASED.length)).toEqual(RELEASED);
    // A class renamed after what it does keeps its timestamp, so its files still sort in order.
    expect(ALL_MIGRATIONS.map((m) => /(\d{13})$/.exec(m.name)?.[1])).toEqual(recordedNames().map((n) => /(\d{13})$/.exec(n)?.[1]));
  });

  it('apply in order to an empty database', async () => {
    expect(await tables(database.url)).toEqual([]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(recordedNames());
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
