import { randomUUID } from 'node:crypto';
import pg from 'pg';

export async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * `count` due session-summary emails, each to its own client, planned as PENDING
 * outbox rows in a practice of their own: a burst for a worker to send.
 */
export async function planEmailBurst(url: string, count: number): Promise<{ practiceId: string }> {
  const practiceId = randomUUID();
  const coachId = randomUUID();
  await sql(url, `INSERT INTO practice (id, name, time_zone) VALUES ($1, 'Burst Coaching', 'UTC')`, [practiceId]);
  await sql(
    url,
    `INSERT INTO app_user (id, practice_id, email, name, role, time_zone) VALUES ($2, $1, $3, 'Burst Coach', 'COACH', 'UTC')`,
    [practiceId, coachId, `coach-${coachId}@burst.test`],
  );
  await sql(
    url,
    `INSERT INTO client (practice_id, coach_id, name, email, time_zone, status)
     SELECT $1, $2, 'Client ' || g, 'client' || g || '-' || $4::text || '@burst.test', 'UTC', 'ACTIVE' FROM generate_series(1, $3::int) g`,
    [practiceId, coachId, count, practiceId.slice(0, 8)],
  );
  await sql(
    url,
    `INSERT INTO engagement (practice_id, client_id, coach_id, title, phase, status, start_date, session_minutes,
                             cadence_frequency, cadence_anchor_kind, cadence_day, cadence_local_time, cadence_time_zone)
     SELECT practice_id, id, coach_id, 'Burst', 'ACT', 'ACTIVE', current_date, 60, 'AD_HOC', 'DAY_OF_MONTH', 1, '09:00', 'UTC' FROM client WHERE practice_id = $1`,
    [practiceId],
  );
  await sql(
    url,
    `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes,
                                   status, shared_summary, summary_published_at, completed_at)
     SELECT practice_id, client_id, id, coach_id, 1, now() - interval '1 day', 'UTC', 60, 'COMPLETED', 'We agreed the next steps.', now(), now()
       FROM engagement WHERE practice_id = $1`,
    [practiceId],
  );
  await sql(
    url,
    `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_time_zone, client_id, session_id, send_at, status)
     SELECT s.practice_id, 'SESSION_SUMMARY', 'burst:' || s.id, c.email, 'UTC', c.id, s.id, now(), 'PENDING'
       FROM coaching_session s JOIN client c ON c.id = s.client_id WHERE s.practice_id = $1`,
    [practiceId],
  );
  return { practiceId };
}

/** Rows of the practice's outbox by status. */
export async function outboxStatuses(url: string, practiceId: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>(
    url,
    `SELECT status, count(*)::int AS n FROM notification WHERE practice_id = $1 GROUP BY status`,
    [practiceId],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}
