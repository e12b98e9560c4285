import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A coach's "activity seen up to" point, behind the unread markers of the Today page's activity. */
export class ActivityReadPoint1765400000000 implements MigrationInterface {
  name = 'ActivityReadPoint1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_read_point (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        seen_up_to timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX activity_read_point_practice_idx ON activity_read_point (practice_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE activity_read_point');
  }
}
