import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for the latest check-in of each client on a roster page: the
 * latestGoalProgress loader asks for `goal_check_in.client_id = ANY(…) ORDER BY
 * client_id, recorded_at DESC`, and with no index on client_id every roster
 * page read the whole table (the API benchmark, 10,000 clients and 60,000
 * check-ins: 8 ms of a 12 ms database share per page).
 */
export class GoalCheckInClientIndex1763930000000 implements MigrationInterface {
  // The name databases recorded when this migration ran, before the class was renamed
  // after what it does: TypeORM knows a migration by this name, so it must never change.
  name = 'BenchIndexes1763930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX goal_check_in_client_idx ON goal_check_in (client_id, recorded_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX goal_check_in_client_idx');
  }
}
