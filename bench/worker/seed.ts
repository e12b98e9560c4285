import pg from 'pg';

/** Clients per coach in the data set (50 coaches × 200 clients at scale 1). */
const CLIENTS_PER_COACH = 200;
const TIME_ZONES = ['Europe/London', 'America/New_York', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Singapore', 'Australia/Sydney'];

export interface SeededReminders {
  practiceId: string;
  coaches: number;
  /** Parked reminders, for armReminders to hand out. */
  reminders: number;
  /** A reminder due at once: its arrival says the worker is up and sending. */
  canaryId: string;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One practice, a coach per 200 clients, n + 1 clients each with an ACTIVE
 * engagement, one SCHEDULED session ~48 h 10 min ahead and two open action
 * items (so the reminder carries a list, as real ones do), and n + 1
 * SESSION_REMINDER rows (PENDING, version 1, the 48 h offset). Engagements are
 * planned a year ahead, as the session plan leaves them (`unplanned`: planned_until
 * NULL, the state before 2026-12-07, which makes the worker's horizon job plan a year
 * for each during the run). The n rows are
 * parked a day ahead until `armReminders` gives them due times; the extra one
 * (the canary) is due at once.
 */
export async function seedReminders(url: string, n: number, options: { unplanned?: boolean } = {}): Promise<SeededReminders> {
  const coaches = Math.max(1, Math.ceil(n / CLIENTS_PER_COACH));
  return withClient(url, async (db) => {
    await db.query('BEGIN');
    const [practice] = (
      await db.query<{ id: string }>(`INSERT INTO practice (name, time_zone) VALUES ('Bench Coaching', 'Europe/London') RETURNING id`)
    ).rows;
    const practiceId = practice.id;
    await db.query(
      `INSERT INTO app_user (practice_id, email, name, role, time_zone)
       SELECT $1, 'coach' || g || '@bench.test', 'Coach ' || g, 'COACH', 'Europe/London' FROM generate_series(1, $2::int) g`,
      [practiceId, coaches],
    );
    // Client 0 is the canary.
    await db.query(
      `WITH coaches AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM app_user WHERE practice_id = $1)
       INSERT INTO client (practice_id, coach_id, name, email, time_zone, status)
       SELECT $1, coaches.id, 'Client ' || g, 'client' || g || '@bench.test', ($4::text[])[1 + g % array_length($4::text[], 1)], 'ACTIVE'
         FROM generate_series(0, $2::int) g JOIN coaches ON coaches.k = g % $3`,
      [practiceId, n, coaches, TIME_ZONES],
    );
    // planned_until as the session plan leaves it in production (planned a year ahead when the engagement is
    // created). Left NULL, the worker's hourly horizon job would spend the measured minutes planning a year of
    // sessions and their emails for every engagement at once: a one-off catch-up, not the sending measured here.
    await db.query(
      `INSERT INTO engagement (practice_id, client_id, coach_id, title, phase, status, start_date, session_minutes,
                               cadence_frequency, cadence_anchor_kind, cadence_day, cadence_local_time, cadence_time_zone, planned_until)
       SELECT practice_id, id, coach_id, 'Leadership transition', 'ACT', 'ACTIVE', current_date - 30, 60,
              'MONTHLY', 'DAY_OF_MONTH', 15, '09:00', time_zone, CASE WHEN $2::boolean THEN NULL ELSE now() + interval '12 months 1 day' END
         FROM client WHERE practice_id = $1`,
      [practiceId, options.unplanned === true],
    );
    await db.query(
      `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes,
                                     status, meeting_url, agenda)
       SELECT e.practice_id, e.client_id, e.id, e.coach_id, 2, now() + interval '48 hours 10 minutes', e.cadence_time_zone, 60,
              'SCHEDULED', 'https://meet.example.com/' || substr(md5(e.id::text), 1, 12),
              E'Review the interview feedback.\nPrepare the negotiation for the offer.'
         FROM engagement e WHERE e.practice_id = $1`,
      [practiceId],
    );
    await db.query(
      `INSERT INTO action_item (practice_id, client_id, engagement_id, title, due_date, status)
       SELECT e.practice_id, e.client_id, e.id, t.title, current_date + t.days, 'OPEN'
         FROM engagement e
        CROSS JOIN (VALUES ('Update the CV with the new role', 30), ('Ask two peers for feedback', 40)) AS t(title, days)
        WHERE e.practice_id = $1`,
      [practiceId],
    );
    await db.query(
      `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_time_zone, client_id, session_id,
                                 session_version, data, send_at, status)
       SELECT s.practice_id, 'SESSION_REMINDER', 'reminder:' || s.id || ':v1:2880m:client', c.email, c.time_zone, c.id, s.id,
              1, '{"offsetMinutes": 2880, "forCoach": false}'::jsonb,
              CASE WHEN c.email = 'client0@bench.test' THEN now() ELSE now() + interval '1 day' END, 'PENDING'
         FROM coaching_session s JOIN client c ON c.id = s.client_id WHERE s.practice_id = $1`,
      [practiceId],
    );
    const [canary] = (
      await db.query<{ id: string }>(`SELECT id FROM notification WHERE recipient_email = 'client0@bench.test' AND practice_id = $1`, [
        practiceId,
      ])
    ).rows;
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { practiceId, coaches, reminders: n, canaryId: canary.id };
  });
}

/**
 * Gives `count` of the parked reminders their due times, evenly spread over
 * [firstDue, firstDue + spreadMs), in a random order (so neither id nor client
 * order lines up with the due order). Returns the armed ids.
 */
export async function armReminders(
  url: string,
  seeded: SeededReminders,
  count: number,
  firstDue: Date,
  spreadMs: number,
): Promise<string[]> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `WITH parked AS (SELECT id FROM notification WHERE practice_id = $1 AND status = 'PENDING' AND send_at > now() + interval '12 hours' LIMIT $5),
            ranked AS (SELECT id, row_number() OVER (ORDER BY random()) - 1 AS k FROM parked)
       UPDATE notification n SET send_at = $2::timestamptz + make_interval(secs => ranked.k * $3::float8 / $4::int / 1000), updated_at = now()
         FROM ranked WHERE n.id = ranked.id RETURNING n.id`,
      [seeded.practiceId, firstDue, spreadMs, count, count],
    );
    return rows.map((row) => row.id);
  });
}

/** send_at (epoch ms) and status of the given notifications. */
export async function reminderOutcome(
  url: string,
  ids: string[],
): Promise<{ sendAt: Map<string, number>; statuses: Record<string, number> }> {
  return withClient(url, async (db) => {
    const rows = (
      await db.query<{ id: string; send_at_ms: string; status: string }>(
        `SELECT id, (extract(epoch FROM send_at) * 1000)::bigint AS send_at_ms, status FROM notification WHERE id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    const sendAt = new Map<string, number>();
    const statuses: Record<string, number> = {};
    for (const row of rows) {
      sendAt.set(row.id, Number(row.send_at_ms));
      statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    }
    return { sendAt, statuses };
  });
}
