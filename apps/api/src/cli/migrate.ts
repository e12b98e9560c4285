import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { TypeOrmPinoLogger, dataSourceOptions } from '#tandem/database';
import { PinoLoggerService } from '#tandem/logging';
import { exitOnStartupError, migrate, startRuntime, type Runtime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { ApiModule } from '../api.module.js';

const USAGE = 'usage: migrate run | revert | show | generate <Name>';

/** `npm run migration:*`: works against DATABASE_URL or, when unset, the embedded server. */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (!command || !['run', 'revert', 'show', 'generate'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const runtime = await startRuntime({ name: 'tandem-migrate', migrate: false, migrations: ALL_MIGRATIONS });
  try {
    if (command === 'run') {
      const applied = await migrate(runtime);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n');
    } else if (command === 'revert' || command === 'show') {
      const dataSource = await plainDataSource(runtime);
      try {
        if (command === 'revert') {
          await dataSource.undoLastMigration({ transaction: 'each' });
        } else {
          await showMigrations(dataSource);
        }
      } finally {
        await dataSource.destroy();
      }
    } else {
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`generate needs a PascalCase name, e.g. AddClientTags (${USAGE})`);
      await generate(runtime, name);
    }
  } finally {
    await runtime.stop();
  }
}

async function showMigrations(dataSource: DataSource): Promise<void> {
  await dataSource.showMigrations(); // creates the bookkeeping table on a new database
  const applied = new Set((await dataSource.query<Array<{ name: string }>>('SELECT name FROM typeorm_migrations')).map((row) => row.name));
  let pending = 0;
  for (const migration of dataSource.migrations) {
    const name = migration.name ?? migration.constructor.name;
    if (!applied.has(name)) pending += 1;
    process.stdout.write(`${applied.has(name) ? '[x]' : '[ ]'} ${name}\n`);
  }
  process.stdout.write(pending ? `${pending} pending\n` : 'the database is up to date\n');
}

async function plainDataSource(runtime: Runtime): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions({
      url: runtime.databaseUrl,
      poolSize: 2,
      logger: new TypeOrmPinoLogger(runtime.logger),
      applicationName: 'tandem-migrations',
      migrations: ALL_MIGRATIONS,
    }),
  );
  return dataSource.initialize();
}

/**
 * Writes the SQL that would bring the database in line with the entities as a
 * new migration file, for a person to review and edit before committing.
 */
async function generate(runtime: Runtime, name: string): Promise<void> {
  await migrate(runtime);
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(runtime, { runWorker: false, schemaFile: false }), {
    logger: new PinoLoggerService(runtime.logger),
  });
  try {
    const sql = await app.get(DataSource).driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('the entities match the database: nothing to generate\n');
      return;
    }
    const timestamp = Date.now();
    const quote = (query: string) => '`' + query.replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((q) => `    await db.query(${quote(q.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await db.query(${quote(q.query)});`)
      .join('\n');
    const file = path.resolve('migrations', `${timestamp}-${name}.ts`);
    await fs.writeFile(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n` +
        `  async up(db: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(db: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}: review it, then add it to migrations/index.ts\n`);
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupError);
