import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the API benchmark showed missing (bench/api.bench.ts, 10,000 clients):
 * the roster's latestGoalProgress loader asks for the latest check-in of a page
 * of clients (`goal_check_in.client_id = ANY(…) ORDER BY client_id, recorded_at
 * DESC`), and goal_check_in had no index on client_id, so every roster page read
 * the whole table (60,000 rows: 8 ms of a 12 ms database share per page).
 */
export class BenchIndexes1763930000000 implements MigrationInterface {
  name = 'BenchIndexes1763930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX goal_check_in_client_idx ON goal_check_in (client_id, recorded_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX goal_check_in_client_idx');
  }
}
