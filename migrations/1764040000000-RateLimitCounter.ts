import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixed-window counters shared by every API replica: sign-ups, log-ins, invitations
 * and password resets per client IP and per target address.
 */
export class RateLimitCounter1764040000000 implements MigrationInterface {
  name = 'RateLimitCounter1764040000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rate_limit_counter (
        action varchar(64) NOT NULL,
        subject varchar(400) NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (action, subject, window_start)
      )`);
    await db.query(`CREATE INDEX rate_limit_counter_window_start_idx ON rate_limit_counter (window_start)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_counter`);
  }
}
