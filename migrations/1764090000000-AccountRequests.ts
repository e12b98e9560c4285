import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-up and password-reset requests are written as rows and answered by the worker, so the
 * request path is the same whether an address has an account. A sign-up becomes a practice and
 * a SIGN_UP token holding the owner's name and password hash until the address is confirmed;
 * a coach invite holds the coach's name and zone until accepted (no account before that).
 */
export class AccountRequests1764090000000 implements MigrationInterface {
  name = 'AccountRequests1764090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(24) NOT NULL CHECK (kind IN ('SIGN_UP', 'PASSWORD_RESET')),
        email varchar(320) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        outcome varchar(32),
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await db.query(`CREATE INDEX account_request_pending_idx ON account_request (created_at) WHERE processed_at IS NULL`);
    await db.query(`CREATE INDEX account_request_email_idx ON account_request (lower(email), created_at)`);

    await db.query(`ALTER TABLE user_token DROP CONSTRAINT user_token_kind_check`);
    await db.query(
      `ALTER TABLE user_token ADD CONSTRAINT user_token_kind_check CHECK (kind IN ('CLIENT_INVITE', 'COACH_INVITE', 'PASSWORD_RESET', 'SIGN_UP'))`,
    );
    await db.query(`ALTER TABLE user_token ADD COLUMN name varchar(200), ADD COLUMN time_zone varchar(64), ADD COLUMN password_hash text`);

    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
        'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notification WHERE kind IN ('SIGN_UP', 'ACCOUNT_EXISTS')`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await db.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        'SESSION_REMINDER', 'SESSION_PREP', 'SESSION_CANCELLED', 'ACCOUNTABILITY_NUDGE',
        'SESSION_SUMMARY', 'COACH_DIGEST', 'INVITE', 'PASSWORD_RESET'))`);
    await db.query(`DELETE FROM user_token WHERE kind = 'SIGN_UP'`);
    await db.query(`ALTER TABLE user_token DROP COLUMN name, DROP COLUMN time_zone, DROP COLUMN password_hash`);
    await db.query(`ALTER TABLE user_token DROP CONSTRAINT user_token_kind_check`);
    await db.query(
      `ALTER TABLE user_token ADD CONSTRAINT user_token_kind_check CHECK (kind IN ('CLIENT_INVITE', 'COACH_INVITE', 'PASSWORD_RESET'))`,
    );
    await db.query(`DROP TABLE account_request`);
  }
}
