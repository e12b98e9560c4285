import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quiet hours move an email's send_at; planned_send_at keeps the time it was
 * planned for, so a change of quiet hours can re-time it (back to that time
 * when they are cleared). The recipient index serves what a change of one
 * address's preferences reads: its pending emails.
 */
export class NotificationPlannedSendAt1764010000000 implements MigrationInterface {
  name = 'NotificationPlannedSendAt1764010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notification ADD COLUMN planned_send_at timestamptz`);
    await db.query(
      `CREATE INDEX notification_pending_recipient_idx ON notification (practice_id, lower(recipient_email)) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_pending_recipient_idx`);
    await db.query(`ALTER TABLE notification DROP COLUMN planned_send_at`);
  }
}
