import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goals are private to coach and client until the client agrees to share one with the sponsor:
 * who agreed and when (both null: not shared). And each user's read point on an action item's
 * comments, for the unread counts (comments newer than read_at are unread).
 */
export class SponsorConsentAndCommentReads1764020000000 implements MigrationInterface {
  name = 'SponsorConsentAndCommentReads1764020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE goal
        ADD COLUMN shared_with_sponsor_at timestamptz,
        ADD COLUMN shared_with_sponsor_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        ADD CONSTRAINT goal_shared_with_sponsor_check CHECK (shared_with_sponsor_by IS NULL OR shared_with_sponsor_at IS NOT NULL)`);
    await db.query(`CREATE INDEX goal_shared_with_sponsor_by_idx ON goal (shared_with_sponsor_by)`);
    await db.query(`
      CREATE TABLE action_item_comment_read (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        action_item_id uuid NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, action_item_id)
      )`);
    await db.query(`CREATE INDEX action_item_comment_read_item_idx ON action_item_comment_read (action_item_id)`);
    await db.query(`CREATE INDEX action_item_comment_read_client_idx ON action_item_comment_read (client_id)`);
    await db.query(`CREATE INDEX action_item_comment_read_practice_idx ON action_item_comment_read (practice_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE action_item_comment_read');
    await db.query('DROP INDEX goal_shared_with_sponsor_by_idx');
    await db.query(`
      ALTER TABLE goal
        DROP CONSTRAINT goal_shared_with_sponsor_check,
        DROP COLUMN shared_with_sponsor_by,
        DROP COLUMN shared_with_sponsor_at`);
  }
}
