import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One conversation per engagement between the coach and the client (issue 15, part 1): its
 * messages, each user's read point on it (messages newer than read_at are unread for them), and
 * the NEW_MESSAGES email kind.
 */
export class Messages1765100000000 implements MigrationInterface {
  name = 'Messages1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        body text NOT NULL,
        source varchar(8) NOT NULL CONSTRAINT message_source_check CHECK (source IN ('WEB', 'EMAIL')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX message_thread_idx ON message (engagement_id, created_at, id)`);
    await db.query(`CREATE INDEX message_client_idx ON message (client_id, created_at)`);
    await db.query(`CREATE INDEX message_practice_idx ON message (practice_id)`);
    await db.query(`CREATE INDEX message_author_idx ON message (author_id)`);
    await db.query(`
      CREATE TABLE message_read (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, engagement_id)
      )`);
    await db.query(`CREATE INDEX message_read_engagement_idx ON message_read (engagement_id)`);
    await db.query(`CREATE INDEX message_read_client_idx ON message_read (client_id)`);
    await db.query(`CREATE INDEX message_read_practice_idx ON message_read (practice_id)`);

    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
        'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS', 'NEW_MESSAGES'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notification WHERE kind = 'NEW_MESSAGES'`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
        'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS'))`);
    await db.query(`UPDATE email_preference SET disabled_kinds = array_remove(disabled_kinds, 'NEW_MESSAGES')`);
    await db.query('DROP TABLE message_read');
    await db.query('DROP TABLE message');
  }
}
