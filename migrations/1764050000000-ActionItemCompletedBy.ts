import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who marked an action item done: a client may reopen only what they completed themselves.
 * Items done before this column have no author and count as completed by the coach.
 */
export class ActionItemCompletedBy1764050000000 implements MigrationInterface {
  name = 'ActionItemCompletedBy1764050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE action_item ADD COLUMN completed_by_id uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE action_item DROP COLUMN completed_by_id`);
  }
}
