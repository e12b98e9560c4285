import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
        'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS', 'NEW_MESSAGES'`;

/**
 * A client's answer to the check-in emailed halfway through a long gap between sessions: one
 * row per engagement and the session it follows (answering twice records one answer). And the
 * two email kinds: the check-in itself, and the coach's alert when the answer is "need help".
 */
export class MidCycleCheckIns1765200000000 implements MigrationInterface {
  name = 'MidCycleCheckIns1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE check_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        after_session_id uuid NOT NULL REFERENCES coaching_session(id) ON DELETE CASCADE,
        due_date date NOT NULL,
        answer varchar(16) NOT NULL CONSTRAINT check_in_answer_check CHECK (answer IN ('ON_TRACK', 'STUCK', 'NEED_HELP')),
        note varchar(2000),
        answered_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT check_in_engagement_session_key UNIQUE (engagement_id, after_session_id)
      )`);
    await db.query(`CREATE INDEX check_in_client_idx ON check_in (client_id, answered_at DESC)`);
    await db.query(`CREATE INDEX check_in_practice_idx ON check_in (practice_id)`);
    await db.query(`CREATE INDEX check_in_after_session_idx ON check_in (after_session_id)`);

    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        ${KINDS_BEFORE}, 'MID_CYCLE_CHECK_IN', 'CHECK_IN_NEEDS_HELP'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notification WHERE kind IN ('MID_CYCLE_CHECK_IN', 'CHECK_IN_NEEDS_HELP')`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
    await db.query(`DROP TABLE check_in`);
  }
}
