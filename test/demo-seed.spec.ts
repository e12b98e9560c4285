import { DateTime } from 'luxon';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { COACHING_ENTITIES } from '#tandem/coaching';
import { TypeOrmPinoLogger, dataSourceOptions } from '#tandem/database';
import { DEMO_OWNER_EMAIL, DEMO_PASSWORD, seedDemoEnabled, seedDemoPractice, type DemoSummary } from '#tandem/demo';
import { verifyPassword } from '#tandem/coaching';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const TABLES = [
  'practice',
  'app_user',
  'sponsor',
  'client',
  'engagement',
  'coaching_session',
  'goal',
  'goal_check_in',
  'action_item',
  'action_item_comment',
  'career_plan',
  'career_plan_revision',
  'audit_event',
];

// A fixed clock, so "past" and "upcoming" do not depend on when the test runs.
const NOW = new Date('2026-03-10T11:00:00Z');

describe('demo practice seed', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let summary: DemoSummary | null;

  const sql = <T>(query: string, parameters: unknown[] = []): Promise<T[]> => dataSource.query(query, parameters);
  const rowCounts = async () =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (t) => [t, Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0].n)])),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions({
        url: database.url,
        poolSize: 2,
        entities: COACHING_ENTITIES,
        logger: new TypeOrmPinoLogger(pino({ level: 'silent' })),
      }),
    ).initialize();
    summary = await seedDemoPractice(dataSource, { now: NOW });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('creates the practice and reports its log-ins and counts', async () => {
    expect(summary).not.toBeNull();
    const [practice] = await sql<{ id: string; name: string; time_zone: string }>('SELECT id, name, time_zone FROM practice');
    expect(practice).toEqual({ id: summary!.practiceId, name: 'Northstar Career Coaching', time_zone: 'Europe/London' });
    expect(summary!.logins).toEqual([
      { role: 'OWNER', email: 'owner@demo.tandem.test', password: 'tandem-demo-password' },
      { role: 'COACH', email: 'coach@demo.tandem.test', password: 'tandem-demo-password' },
      { role: 'CLIENT', email: 'client@demo.tandem.test', password: 'tandem-demo-password' },
    ]);
    const counts = await rowCounts();
    expect(summary!.counts).toMatchObject({
      clients: counts.client,
      engagements: counts.engagement,
      sessions: counts.coaching_session,
      goals: counts.goal,
      goalCheckIns: counts.goal_check_in,
      actionItems: counts.action_item,
      careerPlanRevisions: counts.career_plan_revision,
    });
  });

  it('has a dozen clients in every status, in several zones, split between two coaches, one of them able to log in', async () => {
    const clients = await sql<{ status: string; time_zone: string; coach_id: string; role: string | null }>(
      'SELECT c.status, c.time_zone, c.coach_id, u.role FROM client c LEFT JOIN app_user u ON u.id = c.user_id',
    );
    expect(clients.length).toBeGreaterThanOrEqual(12);
    expect(new Set(clients.map((c) => c.status))).toEqual(new Set(['PROSPECT', 'ACTIVE', 'PAUSED', 'ALUMNI']));
    expect(new Set(clients.map((c) => c.time_zone)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(clients.map((c) => c.coach_id)).size).toBe(2);
    expect(clients.filter((c) => c.role === 'CLIENT')).toHaveLength(1);
  });

  it('has monthly and quarterly engagements, active, paused and completed, with a sponsor on two or more', async () => {
    const engagements = await sql<{ cadence_frequency: string; cadence_anchor_kind: string; status: string; sponsor_id: string | null }>(
      'SELECT cadence_frequency, cadence_anchor_kind, status, sponsor_id FROM engagement',
    );
    expect(new Set(engagements.map((e) => e.cadence_frequency))).toEqual(new Set(['MONTHLY', 'QUARTERLY']));
    expect(new Set(engagements.map((e) => e.cadence_anchor_kind))).toEqual(new Set(['DAY_OF_MONTH', 'ORDINAL_WEEKDAY']));
    expect(new Set(engagements.map((e) => e.status))).toEqual(new Set(['ACTIVE', 'PAUSED', 'COMPLETED']));
    expect(engagements.filter((e) => e.sponsor_id !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('has a year of past sessions with notes and published summaries, one no-show and one cancellation', async () => {
    const past = await sql<{
      status: string;
      starts_at: Date;
      private_notes: string | null;
      shared_summary: string | null;
      summary_published_at: Date | null;
    }>('SELECT status, starts_at, private_notes, shared_summary, summary_published_at FROM coaching_session WHERE starts_at < $1', [NOW]);
    const completed = past.filter((s) => s.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThanOrEqual(50);
    expect(Math.min(...completed.map((s) => s.starts_at.getTime()))).toBeLessThan(NOW.getTime() - 330 * 24 * 3600 * 1000);
    for (const session of completed) {
      expect(session.private_notes).toEqual(expect.any(String));
      expect(session.shared_summary).toEqual(expect.any(String));
      expect(session.summary_published_at!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(past.filter((s) => s.status === 'NO_SHOW')).toHaveLength(1);
    expect(past.filter((s) => s.status === 'CANCELLED')).toHaveLength(1);
  });

  it('schedules the upcoming sessions at the cadence local time in the cadence zone, numbered 1..n per engagement', async () => {
    const sessions = await sql<{
      engagement_id: string;
      sequence: number;
      status: string;
      starts_at: Date;
      time_zone: string;
      cadence_local_time: string;
      cadence_time_zone: string;
      manually_moved: boolean;
    }>(
      `SELECT s.engagement_id, s.sequence, s.status, s.starts_at, s.time_zone, s.manually_moved, e.cadence_local_time, e.cadence_time_zone
         FROM coaching_session s JOIN engagement e ON e.id = s.engagement_id ORDER BY s.engagement_id, s.sequence`,
    );
    // The one extra check-in (see the next test) is off the cadence on purpose.
    const upcoming = sessions.filter((s) => s.status === 'SCHEDULED' && !s.manually_moved);
    expect(upcoming.length).toBeGreaterThanOrEqual(30);
    for (const session of upcoming) {
      expect(session.starts_at.getTime()).toBeGreaterThan(NOW.getTime());
      expect(session.time_zone).toBe(session.cadence_time_zone);
      expect(DateTime.fromJSDate(session.starts_at, { zone: session.time_zone }).toFormat('HH:mm')).toBe(session.cadence_local_time);
    }
    expect(Math.max(...upcoming.map((s) => s.starts_at.getTime()))).toBeLessThanOrEqual(
      DateTime.fromJSDate(NOW).plus({ months: 12, days: 1 }).toMillis(),
    );
    const sequences = new Map<string, number[]>();
    for (const s of sessions) sequences.set(s.engagement_id, [...(sequences.get(s.engagement_id) ?? []), s.sequence]);
    for (const list of sequences.values()) expect(list).toEqual(list.map((_, i) => i + 1));
  });

  it('adds a short check-in about a day ahead for the client who can log in, so a reminder goes out at once', async () => {
    const [checkIn] = await sql<{ starts_at: Date; email: string; agenda: string }>(
      `SELECT s.starts_at, c.email, s.agenda FROM coaching_session s JOIN client c ON c.id = s.client_id WHERE s.manually_moved AND s.status = 'SCHEDULED'`,
    );
    expect(checkIn.email).toBe('client@demo.tandem.test');
    const hoursAhead = (checkIn.starts_at.getTime() - NOW.getTime()) / 3_600_000;
    expect(hoursAhead).toBeGreaterThan(24);
    expect(hoursAhead).toBeLessThan(48);
  });

  it('has action items open (overdue and due this week), done and dropped, some with comments by coach and client', async () => {
    const items = await sql<{ status: string; due_date: string; completed_at: Date | null }>(
      'SELECT status, due_date::text, completed_at FROM action_item',
    );
    const today = DateTime.fromJSDate(NOW, { zone: 'Europe/London' });
    const open = items.filter((i) => i.status === 'OPEN');
    expect(open.some((i) => i.due_date < today.toISODate()!)).toBe(true);
    expect(open.some((i) => i.due_date >= today.toISODate()! && i.due_date <= today.plus({ days: 7 }).toISODate()!)).toBe(true);
    const done = items.filter((i) => i.status === 'DONE');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((i) => i.completed_at !== null && i.completed_at <= NOW)).toBe(true);
    expect(items.filter((i) => i.status === 'DROPPED')).toHaveLength(1);
    const authors = await sql<{ role: string }>('SELECT DISTINCT u.role FROM action_item_comment c JOIN app_user u ON u.id = c.author_id');
    expect(new Set(authors.map((a) => a.role))).toEqual(new Set(['OWNER', 'COACH', 'CLIENT']));
  });

  it('has goals at every horizon and in every category, each with several check-ins', async () => {
    const goals = await sql<{ horizon: string; category: string; check_ins: string }>(
      'SELECT g.horizon, g.category, (SELECT count(*) FROM goal_check_in c WHERE c.goal_id = g.id) AS check_ins FROM goal g',
    );
    expect(new Set(goals.map((g) => g.horizon))).toEqual(new Set(['ONE_YEAR', 'THREE_YEARS', 'FIVE_YEARS', 'TEN_YEARS']));
    expect(new Set(goals.map((g) => g.category))).toEqual(new Set(['CAREER', 'FINANCIAL', 'LEARNING', 'NETWORK', 'LIFE']));
    expect(goals.every((g) => Number(g.check_ins) >= 3)).toBe(true);
  });

  it('keeps goals private except the one per engagement the demo client agreed to share with the sponsor', async () => {
    const shared = await sql<{ engagement_id: string; role: string; own: boolean; n: string }>(
      `SELECT g.engagement_id, u.role, u.id = c.user_id AS own, count(*) OVER (PARTITION BY g.engagement_id) AS n
         FROM goal g JOIN client c ON c.id = g.client_id JOIN app_user u ON u.id = g.shared_with_sponsor_by
        WHERE g.shared_with_sponsor_at IS NOT NULL`,
    );
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((g) => g.role === 'CLIENT' && g.own && Number(g.n) === 1)).toBe(true);
    const [{ private: privateGoals }] = (await sql<{ private: string }>(
      'SELECT count(*) AS private FROM goal WHERE shared_with_sponsor_at IS NULL',
    )) as [{ private: string }];
    expect(Number(privateGoals)).toBeGreaterThan(shared.length);
  });

  it('has a career plan with two or three revisions on every active engagement', async () => {
    const plans = await sql<{ status: string; revisions: string; sections_filled: boolean }>(
      `SELECT e.status, count(r.id) AS revisions, bool_and(r.strengths_inventory <> '' AND r.branding_and_networking <> '') AS sections_filled
         FROM engagement e LEFT JOIN career_plan p ON p.engagement_id = e.id LEFT JOIN career_plan_revision r ON r.career_plan_id = p.id
        GROUP BY e.id, e.status`,
    );
    const active = plans.filter((p) => p.status === 'ACTIVE');
    expect(active.length).toBeGreaterThan(0);
    for (const plan of active) {
      expect(Number(plan.revisions)).toBeGreaterThanOrEqual(2);
      expect(Number(plan.revisions)).toBeLessThanOrEqual(3);
      expect(plan.sections_filled).toBe(true);
    }
  });

  it("stores the owner's password so that it verifies", async () => {
    const [owner] = await sql<{ password_hash: string; role: string }>('SELECT password_hash, role FROM app_user WHERE email = $1', [
      DEMO_OWNER_EMAIL,
    ]);
    expect(owner.role).toBe('OWNER');
    expect(await verifyPassword(DEMO_PASSWORD, owner.password_hash)).toBe(true);
    expect(await verifyPassword('wrong password', owner.password_hash)).toBe(false);
  });

  it('records the seeding in the audit log', async () => {
    const events = await sql<{ action: string }>('SELECT action FROM audit_event');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.action === 'demo.seeded')).toBe(true);
  });

  it('does nothing the second time', async () => {
    const before = await rowCounts();
    expect(await seedDemoPractice(dataSource)).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });
});

describe('SEED_DEMO', () => {
  it('accepts true, false, 1 and 0, and defaults to true', () => {
    expect(seedDemoEnabled({})).toBe(true);
    expect(seedDemoEnabled({ SEED_DEMO: '' })).toBe(true);
    expect(seedDemoEnabled({ SEED_DEMO: 'true' })).toBe(true);
    expect(seedDemoEnabled({ SEED_DEMO: '1' })).toBe(true);
    expect(seedDemoEnabled({ SEED_DEMO: 'FALSE' })).toBe(false);
    expect(seedDemoEnabled({ SEED_DEMO: '0' })).toBe(false);
  });

  it('defaults to false in production, where it can still be asked for', () => {
    expect(seedDemoEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(seedDemoEnabled({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toBe(true);
  });

  it('rejects anything else with a message naming SEED_DEMO', () => {
    expect(() => seedDemoEnabled({ SEED_DEMO: 'nonsense' })).toThrow(
      'Invalid configuration: SEED_DEMO must be true, false, 1 or 0 (got "nonsense")',
    );
  });
});
