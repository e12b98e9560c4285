import pg from 'pg';
import type { DataSource, Migration } from 'typeorm';

// Any 64-bit number unique to Tandem; two processes starting together migrate one at a time.
const MIGRATION_LOCK_KEY = 7_361_024_117;

/**
 * Applies pending migrations while holding an advisory lock, so API replicas
 * and workers that boot at the same moment do not race each other.
 */
export async function runPendingMigrations(dataSource: DataSource, url: string): Promise<Migration[]> {
  const lock = new pg.Client({ connectionString: url, application_name: 'tandem-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
