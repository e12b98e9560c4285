import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox: every email is a notification row, written in the transaction
 * that causes it, before any job is queued. The unique idempotency key makes
 * planning the same email twice a no-op.
 */
export class Notifications1763920000000 implements MigrationInterface {
  name = 'Notifications1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL CHECK (kind IN (
          'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
          'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET')),
        idempotency_key varchar(200) NOT NULL UNIQUE,
        recipient_email varchar(320) NOT NULL,
        recipient_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        recipient_time_zone varchar(64) NOT NULL,
        client_id uuid REFERENCES client(id) ON DELETE CASCADE,
        session_id uuid REFERENCES coaching_session(id) ON DELETE CASCADE,
        session_version integer,
        data jsonb NOT NULL DEFAULT '{}',
        send_at timestamptz NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'QUEUED', 'SENT', 'SKIPPED', 'FAILED', 'CANCELLED')),
        attempts integer NOT NULL DEFAULT 0,
        ambiguous_attempts integer NOT NULL DEFAULT 0,
        queued_at timestamptz,
        sent_at timestamptz,
        message_id varchar(300),
        reason varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // What the dispatcher scans: due PENDING rows, and QUEUED rows whose job may have been lost.
    await db.query(`CREATE INDEX notification_due_idx ON notification (send_at) WHERE status = 'PENDING'`);
    await db.query(`CREATE INDEX notification_queued_idx ON notification (queued_at) WHERE status = 'QUEUED'`);
    await db.query(`CREATE INDEX notification_session_idx ON notification (session_id)`);
    await db.query(`CREATE INDEX notification_client_idx ON notification (client_id, created_at DESC)`);
    await db.query(`CREATE INDEX notification_practice_idx ON notification (practice_id, created_at DESC)`);
    await db.query(`CREATE INDEX notification_recipient_user_idx ON notification (recipient_user_id)`);

    await db.query(`
      CREATE TABLE email_preference (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        disabled_kinds varchar(32)[] NOT NULL DEFAULT '{}',
        unsubscribed_at timestamptz,
        quiet_hours_start char(5),
        quiet_hours_end char(5),
        coach_session_reminders boolean NOT NULL DEFAULT false,
        suppressed_at timestamptz,
        suppression_reason varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX email_preference_key ON email_preference (practice_id, lower(email))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE email_preference');
    await db.query('DROP TABLE notification');
  }
}
