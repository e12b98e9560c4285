import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the hourly data retention purge scans (DataRetention, AuthRetention): old rows found by index, not by a table scan. */
export class RetentionIndexes1764080000000 implements MigrationInterface {
  name = 'RetentionIndexes1764080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX login_attempt_attempted_at_idx ON login_attempt (attempted_at)`);
    await db.query(`CREATE INDEX user_token_spent_idx ON user_token ((coalesce(used_at, expires_at)))`);
    await db.query(`CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at)`);
    await db.query(`CREATE INDEX notification_finished_idx ON notification (updated_at) WHERE status IN ('SENT', 'SKIPPED', 'CANCELLED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_finished_idx`);
    await db.query(`DROP INDEX refresh_token_expires_idx`);
    await db.query(`DROP INDEX user_token_spent_idx`);
    await db.query(`DROP INDEX login_attempt_attempted_at_idx`);
  }
}
