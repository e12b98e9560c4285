import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import { DataSource, type EntityMetadata, type QueryRunner } from 'typeorm';
import { migrate, type Runtime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../migrations/index.js';
import { ApiModule } from '../apps/api/src/api.module.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { testConfig } from './support/test-runtime.js';

const NOTHING = 'nothing differs';
const differences = (lines: string[]) => (lines.length ? lines.join('\n') : NOTHING);

/**
 * A copy of the table's columns, for PostgreSQL to write a check or index from an entity
 * in its own words, next to the one the migrations made. Rolled back with the transaction.
 */
async function probeTable(db: QueryRunner, table: string, n: number): Promise<string> {
  const probe = `schema_probe_${n}`;
  await db.query(`CREATE TEMP TABLE ${probe} (LIKE "${table}")`);
  return probe;
}

async function checkDefinition(db: QueryRunner, table: string, name: string): Promise<string | undefined> {
  const rows = (await db.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`,
    [table, name],
  )) as Array<{ def: string }>;
  return rows[0]?.def;
}

/** `UNIQUE USING btree (a, b) WHERE (…)`: the definition without the index's and table's names. */
async function indexDefinition(db: QueryRunner, table: string, name: string): Promise<string | undefined> {
  const rows = (await db.query(
    `SELECT i.indisunique AS "unique", pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND c.relname = $2`,
    [table, name],
  )) as Array<{ unique: boolean; def: string }>;
  const row = rows[0];
  return row && `${row.unique ? 'UNIQUE ' : ''}USING ${row.def.split(' USING ')[1]}`;
}

/**
 * The entities are the schema as TypeORM sees it, the migrations the schema as it is built.
 * After every migration has run on an empty database, the schema builder (what
 * `npm run migration:generate` writes a migration from) must find nothing to change, and
 * what the schema builder does not compare (check expressions, index columns, order and
 * WHERE, indexes TypeORM cannot express) must agree as well.
 */
describe('entities and migrations', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  const tables = () => dataSource.entityMetadatas.filter((m) => m.tableType === 'regular');

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    const runtime: Runtime = {
      config: testConfig({ DATABASE_URL: database.url }),
      logger: pino({ level: 'silent' }),
      databaseUrl: database.url,
      databaseLabel: `test database ${database.name}`,
      migrations: ALL_MIGRATIONS,
      stop: () => Promise.resolve(),
    };
    await migrate(runtime);
    // The app's own DataSource: the entities every module registers, as `migration:generate` loads them.
    app = await NestFactory.createApplicationContext(
      ApiModule.forRoot(runtime, { runWorker: false, schemaFile: false, webAppDir: false }),
      {
        logger: false,
      },
    );
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Runs `work` in a transaction that is always rolled back (the probes leave nothing behind). */
  async function probing<T>(work: (db: QueryRunner) => Promise<T>): Promise<T> {
    const db = dataSource.createQueryRunner();
    await db.connect();
    await db.startTransaction();
    try {
      return await work(db);
    } finally {
      await db.rollbackTransaction();
      await db.release();
    }
  }

  it('the schema builder has nothing to change on a freshly migrated database (migration:generate writes nothing)', async () => {
    expect(tables().length).toBeGreaterThan(15);
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    expect(differences(upQueries.map((q) => `${q.query};`))).toBe(NOTHING);
  });

  it('every index in the database is declared on its entity by name, and every declared index exists', async () => {
    const rows = await dataSource.query<Array<{ table: string; index: string }>>(
      `SELECT t.relname AS "table", c.relname AS "index"
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> 'typeorm_migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    );
    const inDatabase = new Set(rows.map((r) => `${r.table}.${r.index}`));
    const declared = new Set(tables().flatMap((m) => m.indices.map((index) => `${m.tableName}.${index.name}`)));
    expect(
      differences([
        ...[...inDatabase].filter((name) => !declared.has(name)).map((name) => `not declared on its entity: ${name}`),
        ...[...declared].filter((name) => !inDatabase.has(name)).map((name) => `declared but not in the migrations: ${name}`),
      ]),
    ).toBe(NOTHING);
  });

  it('each @Check says what its constraint in the database says', async () => {
    const found = await probing(async (db) => {
      const lines: string[] = [];
      let n = 0;
      for (const metadata of tables()) {
        for (const check of metadata.checks) {
          const probe = await probeTable(db, metadata.tableName, (n += 1));
          await db.query(`ALTER TABLE ${probe} ADD CONSTRAINT "${check.name}" CHECK (${check.expression})`);
          const [migrated, declared] = [
            await checkDefinition(db, metadata.tableName, check.name),
            await checkDefinition(db, probe, check.name),
          ];
          if (migrated !== declared) lines.push(`${metadata.tableName}.${check.name}: migrations ${migrated}, entity ${declared}`);
        }
      }
      return lines;
    });
    expect(differences(found)).toBe(NOTHING);
  });

  it('each @Index TypeORM builds has the columns, order, uniqueness and WHERE of its index in the database', async () => {
    const found = await probing(async (db) => {
      const lines: string[] = [];
      let n = 0;
      for (const metadata of tables()) {
        for (const index of metadata.indices.filter((i) => i.synchronize)) {
          const probe = await probeTable(db, metadata.tableName, (n += 1));
          await db.query(createIndexOn(probe, index));
          const [migrated, declared] = [
            await indexDefinition(db, metadata.tableName, index.name),
            await indexDefinition(db, probe, `${probe}_index`),
          ];
          if (migrated !== declared) lines.push(`${metadata.tableName}.${index.name}: migrations ${migrated}, entity ${declared}`);
        }
      }
      return lines;
    });
    expect(differences(found)).toBe(NOTHING);
  });
});

/** The CREATE INDEX the schema builder would write for this entity index, on the probe table. */
function createIndexOn(probe: string, index: EntityMetadata['indices'][number]): string {
  const columns = index.columns.map((c) => `"${c.databaseName}"`).join(', ');
  const using = index.isSpatial ? 'gist' : (index.type ?? 'btree');
  return `CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX ${probe}_index ON ${probe} USING ${using} (${columns})${index.where ? ` WHERE ${index.where}` : ''}`;
}
