import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An engagement's standing meeting link, used by its sessions that have none of their own. */
export class EngagementMeetingUrl1764030000000 implements MigrationInterface {
  name = 'EngagementMeetingUrl1764030000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engagement ADD COLUMN meeting_url varchar(2000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engagement DROP COLUMN meeting_url`);
  }
}
