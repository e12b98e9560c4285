import { DataSource, QueryFailedError, type Logger as TypeOrmLogger } from 'typeorm';
import { Practice } from '#tandem/coaching';
import { dataSourceOptions, preparedQuery, RawEntityColumns, statementName } from '#tandem/database';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** What the toolkit told TypeORM's logger. */
class RecordingLogger implements TypeOrmLogger {
  readonly queries: string[] = [];
  readonly failed: string[] = [];
  readonly slow: Array<{ time: number; query: string }> = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(_error: string | Error, query: string): void {
    this.failed.push(query);
  }
  logQuerySlow(time: number, query: string): void {
    this.slow.push({ time, query });
  }
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const SLOW_MS = 50;

describe('the SQL toolkit (prepared statements, raw-row hydration)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({
      ...dataSourceOptions({ url: database.url, poolSize: 3, entities: [Practice], logger }),
      maxQueryExecutionTime: SLOW_MS,
    }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const byName = `SELECT id, name FROM practice WHERE name = $1`;

  it('inside a transaction sees its uncommitted rows, on its connection, and is rolled back with it', async () => {
    const rollback = new Error('roll back');
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO practice (name, time_zone) VALUES ('Uncommitted', 'UTC')`);
        const [backend] = await manager.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
        const inside = await preparedQuery<{ pid: number }>(manager, 'SELECT pg_backend_pid() AS pid', []);
        expect(inside).toEqual([backend]);
        expect(await preparedQuery(manager, byName, ['Uncommitted'])).toHaveLength(1);
        // Another connection from the pool does not see it.
        expect(await preparedQuery(dataSource.manager, byName, ['Uncommitted'])).toHaveLength(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await preparedQuery(dataSource.manager, byName, ['Uncommitted'])).toHaveLength(0);
  });

  it('outside a transaction borrows a pooled connection and gives it back', async () => {
    await dataSource.query(`INSERT INTO practice (name, time_zone) VALUES ('Committed', 'UTC')`);
    for (let i = 0; i < 10; i++) expect(await preparedQuery(dataSource.manager, byName, ['Committed'])).toHaveLength(1);
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('prepares each text once per connection, under a name derived from the text', async () => {
    const name = statementName(byName);
    expect(name).toMatch(/^t_[\w-]{27}$/);
    expect(statementName(byName)).toBe(name);
    expect(statementName(`${byName} `)).not.toBe(name);
    await dataSource.transaction(async (manager) => {
      await preparedQuery(manager, byName, ['Committed']);
      const prepared = await manager.query<Array<{ name: string }>>('SELECT name FROM pg_prepared_statements');
      expect(prepared.map((row) => row.name)).toContain(name);
    });
  });

  it('logs every statement, and a slow one with its duration past the threshold', async () => {
    logger.queries.length = 0;
    logger.slow.length = 0;
    await preparedQuery(dataSource.manager, byName, ['Committed']);
    expect(logger.queries).toEqual([byName]);
    expect(logger.slow).toEqual([]);
    const sleep = 'SELECT pg_sleep($1::float)';
    await preparedQuery(dataSource.manager, sleep, [(SLOW_MS * 3) / 1000]);
    expect(logger.slow).toHaveLength(1);
    expect(logger.slow[0].query).toBe(sleep);
    expect(logger.slow[0].time).toBeGreaterThan(SLOW_MS);
  });

  it("fails with TypeORM's QueryFailedError, logged", async () => {
    const broken = 'SELECT no_such_column FROM practice WHERE id = $1';
    await expect(preparedQuery(dataSource.manager, broken, ['00000000-0000-0000-0000-000000000000'])).rejects.toBeInstanceOf(
      QueryFailedError,
    );
    expect(logger.failed).toContain(broken);
  });

  it('hydrates raw rows as getMany() does, whole or for a subset, and null for an outer join that found nothing', async () => {
    const columns = new RawEntityColumns(dataSource, Practice, 'p__');
    const rows = await preparedQuery(
      dataSource.manager,
      `SELECT ${columns.select('p')} FROM (SELECT 1) one LEFT JOIN practice p ON p.name = $1`,
      ['Committed'],
    );
    const expected = await dataSource.getRepository(Practice).findOneByOrFail({ name: 'Committed' });
    const hydrated = columns.hydrate(rows[0]);
    expect(hydrated).toBeInstanceOf(Practice);
    expect(hydrated).toEqual(expected);

    const subset = columns.only(['name']);
    const [row] = await preparedQuery(dataSource.manager, `SELECT ${subset.select('p')} FROM practice p WHERE p.name = $1`, ['Committed']);
    expect(subset.hydrate(row)).toEqual(Object.assign(new Practice(), { id: expected.id, name: 'Committed' }));

    const [none] = await preparedQuery(
      dataSource.manager,
      `SELECT ${columns.select('p')} FROM (SELECT 1) one LEFT JOIN practice p ON p.name = $1`,
      ['Nobody'],
    );
    expect(columns.hydrate(none)).toBeNull();
    expect(() => new RawEntityColumns(dataSource, Practice, 'p__', ['nope'])).toThrow(/practice has no nope/);
  });
});
