import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * `count` due session-summary emails, each for its own client, planned as outbox
 * rows (status PENDING, send_at now): the worker's dispatcher claims them as it
 * would after a burst of published summaries. Returns the practice id, which
 * tells the drill's rows from anything the worker plans on its own.
 */
export async function seedDueSummaries(databaseUrl: string, count: number): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const practiceId = randomUUID();
  const coachId = randomUUID();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO practice (id, name, time_zone) VALUES ($1, 'Drill Coaching', 'UTC')`, [practiceId]);
    await client.query(
      `INSERT INTO app_user (id, practice_id, email, name, role, time_zone) VALUES ($2, $1, 'coach@drill.test', 'Drill Coach', 'COACH', 'UTC')`,
      [practiceId, coachId],
    );
    await client.query(
      `INSERT INTO client (practice_id, coach_id, name, email, time_zone, status)
       SELECT $1, $2, 'Client ' || g, 'client' || g || '@drill.test', 'UTC', 'ACTIVE' FROM generate_series(1, $3::int) g`,
      [practiceId, coachId, count],
    );
    await client.query(
      `INSERT INTO engagement (practice_id, client_id, coach_id, title, phase, status, start_date, session_minutes,
                               cadence_frequency, cadence_anchor_kind, cadence_day, cadence_local_time, cadence_time_zone)
       SELECT practice_id, id, coach_id, 'Drill', 'ACT', 'ACTIVE', current_date, 60, 'AD_HOC', 'DAY_OF_MONTH', 1, '09:00', 'UTC'
         FROM client WHERE practice_id = $1`,
      [practiceId],
    );
    await client.query(
      `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes,
                                     status, shared_summary, summary_published_at, completed_at)
       SELECT practice_id, client_id, id, coach_id, 1, now() - interval '1 day', 'UTC', 60, 'COMPLETED', 'We agreed the next steps.', now(), now()
         FROM engagement WHERE practice_id = $1`,
      [practiceId],
    );
    await client.query(
      `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_time_zone, client_id, session_id, send_at, status)
       SELECT s.practice_id, 'SESSION_SUMMARY', 'drill:' || s.id, c.email, 'UTC', c.id, s.id, now(), 'PENDING'
         FROM coaching_session s JOIN client c ON c.id = s.client_id WHERE s.practice_id = $1`,
      [practiceId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return practiceId;
}
