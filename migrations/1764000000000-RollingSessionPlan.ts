import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rolling session plan (issue 10):
 * - engagement.planned_until: the instant an engagement's sessions are planned
 *   to; the hourly top-up selects ACTIVE engagements whose plan ends before
 *   now + 12 months (partial index) and plans only past it. Existing plans end
 *   at their last cadence session (or now, when they have none).
 * - coaching_session.origin: CADENCE (planned from the rule) or AD_HOC
 *   (scheduleSession). Existing hand-scheduled sessions are the moved ones
 *   never rescheduled since (version 1).
 * - At most one cadence-generated, never-moved SCHEDULED session per
 *   engagement and instant, so two planners can never double a session.
 */
export class RollingSessionPlan1764000000000 implements MigrationInterface {
  name = 'RollingSessionPlan1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE coaching_session ADD COLUMN origin varchar(16) NOT NULL DEFAULT 'CADENCE'`);
    await db.query(`UPDATE coaching_session SET origin = 'AD_HOC' WHERE manually_moved AND version = 1`);
    await db.query(`ALTER TABLE engagement ADD COLUMN planned_until timestamptz`);
    await db.query(
      `UPDATE engagement e
          SET planned_until = coalesce((SELECT max(s.starts_at) FROM coaching_session s WHERE s.engagement_id = e.id AND s.origin = 'CADENCE'), now())
        WHERE e.status <> 'DRAFT'`,
    );
    await db.query(`CREATE INDEX engagement_planned_until_idx ON engagement (planned_until) WHERE status = 'ACTIVE'`);
    // Doubles left by earlier planners would fail the unique index: the later copy goes.
    await db.query(
      `UPDATE coaching_session s SET status = 'CANCELLED', updated_at = now()
         FROM coaching_session o
        WHERE s.engagement_id = o.engagement_id AND s.starts_at = o.starts_at AND s.id > o.id
          AND s.status = 'SCHEDULED' AND o.status = 'SCHEDULED'
          AND s.origin = 'CADENCE' AND o.origin = 'CADENCE' AND NOT s.manually_moved AND NOT o.manually_moved`,
    );
    await db.query(
      `CREATE UNIQUE INDEX coaching_session_cadence_slot_key ON coaching_session (engagement_id, starts_at)
        WHERE status = 'SCHEDULED' AND origin = 'CADENCE' AND NOT manually_moved`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX coaching_session_cadence_slot_key');
    await db.query('DROP INDEX engagement_planned_until_idx');
    await db.query('ALTER TABLE engagement DROP COLUMN planned_until');
    await db.query('ALTER TABLE coaching_session DROP COLUMN origin');
  }
}
