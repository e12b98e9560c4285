import { TestClock } from '#tandem/clock';
import { SessionHorizon } from '#tandem/coaching';
import { expandCadence, planningHorizon, type Cadence } from '#tandem/scheduling';
import { aClient, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const PLAN_CHANGE = `cancelled { id startsAt status } created kept { reason session { id startsAt status } }`;
const PREVIEW = `query($id: ID!, $change: SessionPlanChangeInput!) { previewSessionPlan(engagementId: $id, change: $change) { ${PLAN_CHANGE} } }`;
const CHANGE_CADENCE = `mutation($id: ID!, $cadence: CadenceInput!) { changeCadence(id: $id, cadence: $cadence) { id lastPlanChange { ${PLAN_CHANGE} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEngagementInput!) { updateEngagement(id: $id, input: $input) { id lastPlanChange { ${PLAN_CHANGE} } } }`;
const PAUSE = `mutation($id: ID!) { pauseEngagement(id: $id) { status lastPlanChange { ${PLAN_CHANGE} } } }`;
const COMPLETE = `mutation($id: ID!) { completeEngagement(id: $id) { status lastPlanChange { ${PLAN_CHANGE} } } }`;
const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id startsAt } }`;
const RESCHEDULE = `mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { id } }`;
const AGENDA = `mutation($id: ID!, $agenda: String!) { updateSession(id: $id, input: { agenda: $agenda }) { id } }`;
const NOTES = `mutation($id: ID!, $notes: String!) { writePrivateNotes(id: $id, notes: $notes) { id } }`;
const ACTION_ITEM = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`;
const UPDATE_CLIENT = `mutation($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { timeZone } }`;
const ENGAGEMENT = `query($id: ID!) { engagement(id: $id) { lastPlanChange { created } cadence { timeZone localTime } } }`;

const MONTHLY_15 = { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 15, localTime: '09:00' };
const MONTHLY_20 = { ...MONTHLY_15, day: 20 };

interface PlanChange {
  cancelled: Array<{ id: string; startsAt: string; status: string }>;
  created: string[];
  kept: Array<{ reason: string; session: { id: string; startsAt: string; status: string } }>;
}

/** What a plan change says, without the statuses (a preview's cancelled sessions are still SCHEDULED). */
const shape = (change: PlanChange) => ({
  cancelled: change.cancelled.map((s) => [s.id, s.startsAt]),
  created: change.created,
  kept: change.kept.map((k) => [k.session.id, k.session.startsAt, k.reason]),
});

/**
 * The session plan (issue 10): re-plans never destroy a session the coach moved, scheduled by
 * hand or filled with content, a preview tells exactly what a change will do, the plan rolls
 * 12 months ahead for years, and a client's move keeps the sessions' local time.
 */
describe('the session plan', () => {
  const clock = new TestClock('2027-01-04T10:00:00Z');
  let api: TestApi;
  let coach: OwnerSession;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    coach = await anOwner(api);
  });
  beforeEach(() => clock.set('2027-01-04T10:00:00Z'));
  afterAll(async () => {
    await api?.close();
  });

  const gql = <T = any>(query: string, variables: Record<string, unknown>) => api.as(coach.token).gql<T>(query, variables);

  async function aMonthlyEngagement(overrides: Parameters<typeof anEngagement>[3] = {}) {
    const client = await aClient(api, coach, { timeZone: 'Europe/London' });
    const engagement = await anEngagement(api, coach, client.id, { startDate: '2027-01-01', cadence: MONTHLY_15, ...overrides });
    return { clientId: client.id, id: engagement.id, sessions: engagement.sessions };
  }

  async function sessionRow(id: string) {
    const [row] = await api.sql(
      `SELECT status, starts_at, agenda, private_notes, shared_summary, (SELECT count(*)::int FROM action_item a WHERE a.session_id = s.id) AS items
         FROM coaching_session s WHERE id = $1`,
      [id],
    );
    return row;
  }

  async function scheduled(engagementId: string): Promise<string[]> {
    const rows = await api.sql<{ starts_at: Date }>(
      `SELECT starts_at FROM coaching_session WHERE engagement_id = $1 AND status = 'SCHEDULED' ORDER BY starts_at`,
      [engagementId],
    );
    return rows.map((r) => r.starts_at.toISOString());
  }

  /** Preview, then the mutation: the mutation's lastPlanChange must be exactly the preview. */
  async function previewThenMutate(
    engagementId: string,
    change: Record<string, unknown>,
    mutate: () => Promise<PlanChange>,
  ): Promise<PlanChange> {
    const preview = (await gql<{ previewSessionPlan: PlanChange }>(PREVIEW, { id: engagementId, change })).previewSessionPlan;
    const before = await scheduled(engagementId);
    expect(await scheduled(engagementId)).toEqual(before);
    const done = await mutate();
    expect(shape(done)).toEqual(shape(preview));
    // What the preview announced is what happened.
    const after = new Set(await scheduled(engagementId));
    for (const s of preview.cancelled) expect((await sessionRow(s.id)).status).toBe('CANCELLED');
    for (const at of preview.created) expect(after.has(at)).toBe(true);
    for (const k of preview.kept) expect(after.has(k.session.startsAt)).toBe(true);
    return done;
  }

  it('keeps a session moved by hand with an agenda, private notes, a published summary and an action item through changeCadence', async () => {
    const engagement = await aMonthlyEngagement();
    const february = engagement.sessions[1];
    expect(february.startsAt).toBe('2027-02-15T09:00:00.000Z');
    await gql(RESCHEDULE, { id: february.id, at: '2027-02-17T14:00:00.000Z' });
    await gql(AGENDA, { id: february.id, agenda: 'Salary negotiation' });
    await gql(NOTES, { id: february.id, notes: 'Nervous about the board' });
    // A summary is shared only once a session started (the clock rule); this one was shared
    // before that rule existed, as in the testers' data.
    await api.sql(`UPDATE coaching_session SET shared_summary = 'We rehearsed the pitch', summary_published_at = now() WHERE id = $1`, [
      february.id,
    ]);
    await gql(ACTION_ITEM, { input: { engagementId: engagement.id, sessionId: february.id, title: 'Draft the counter-offer' } });
    const before = await sessionRow(february.id);

    const done = await previewThenMutate(
      engagement.id,
      { cadence: MONTHLY_20 },
      async () => (await gql(CHANGE_CADENCE, { id: engagement.id, cadence: MONTHLY_20 })).changeCadence.lastPlanChange,
    );

    expect(done.kept).toEqual([
      { reason: 'HAS_CONTENT', session: { id: february.id, startsAt: '2027-02-17T14:00:00.000Z', status: 'SCHEDULED' } },
    ]);
    expect(await sessionRow(february.id)).toEqual(before);
    expect(before).toMatchObject({
      status: 'SCHEDULED',
      agenda: 'Salary negotiation',
      private_notes: 'Nervous about the board',
      shared_summary: 'We rehearsed the pitch',
      items: 1,
    });
    // The other (plain) sessions moved to the 20th; February is the kept one, so no second February session.
    expect(done.cancelled).toHaveLength(11);
    const plan = await scheduled(engagement.id);
    expect(plan.filter((at) => at.startsWith('2027-02'))).toEqual(['2027-02-17T14:00:00.000Z']);
    expect(plan.filter((at) => at.startsWith('2027-03'))).toEqual(['2027-03-20T09:00:00.000Z']);
    const [audit] = await api.sql(`SELECT details FROM audit_event WHERE action = 'engagement.cadence_changed' AND entity_id = $1`, [
      engagement.id,
    ]);
    expect(audit.details.keptSessionIds).toEqual([february.id]);
  });

  it('keeps an ad hoc session inside the new range through updateEngagement(endDate)', async () => {
    const engagement = await aMonthlyEngagement();
    const adHoc = (await gql(SCHEDULE, { input: { engagementId: engagement.id, startsAt: '2027-03-03T10:00:00.000Z' } })).scheduleSession;

    const done = await previewThenMutate(
      engagement.id,
      { endDate: '2027-06-30' },
      async () => (await gql(UPDATE, { id: engagement.id, input: { endDate: '2027-06-30' } })).updateEngagement.lastPlanChange,
    );

    expect((await sessionRow(adHoc.id)).status).toBe('SCHEDULED');
    expect(done.kept).toEqual([{ reason: 'AD_HOC', session: { id: adHoc.id, startsAt: '2027-03-03T10:00:00.000Z', status: 'SCHEDULED' } }]);
    expect(done.created).toEqual([]);
    expect(done.cancelled.map((s) => s.startsAt.slice(0, 7))).toEqual(['2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12']);
    expect(await scheduled(engagement.id)).toEqual([
      '2027-01-15T09:00:00.000Z',
      '2027-02-15T09:00:00.000Z',
      '2027-03-03T10:00:00.000Z',
      '2027-03-15T09:00:00.000Z',
      '2027-04-15T08:00:00.000Z',
      '2027-05-15T08:00:00.000Z',
      '2027-06-15T08:00:00.000Z',
    ]);
  });

  describe('each change keeps a session that holds content', () => {
    /** A plain cadence session in October (not moved) that holds only an agenda. */
    async function withContent() {
      const engagement = await aMonthlyEngagement();
      const october = engagement.sessions.find((s) => s.startsAt.startsWith('2027-10'))!;
      await gql(AGENDA, { id: october.id, agenda: 'Mid-year review' });
      return { engagement, october };
    }

    it('changeCadence', async () => {
      const { engagement, october } = await withContent();
      const done = await previewThenMutate(
        engagement.id,
        { cadence: MONTHLY_20 },
        async () => (await gql(CHANGE_CADENCE, { id: engagement.id, cadence: MONTHLY_20 })).changeCadence.lastPlanChange,
      );
      expect(done.kept.map((k) => [k.session.id, k.reason])).toEqual([[october.id, 'HAS_CONTENT']]);
      expect(await sessionRow(october.id)).toMatchObject({ status: 'SCHEDULED', agenda: 'Mid-year review' });
      expect((await scheduled(engagement.id)).filter((at) => at.startsWith('2027-10'))).toEqual([october.startsAt]);
    });

    it('endDate', async () => {
      const { engagement, october } = await withContent();
      const done = await previewThenMutate(
        engagement.id,
        { endDate: '2027-05-31' },
        async () => (await gql(UPDATE, { id: engagement.id, input: { endDate: '2027-05-31' } })).updateEngagement.lastPlanChange,
      );
      expect(done.kept.map((k) => [k.session.id, k.reason])).toEqual([[october.id, 'HAS_CONTENT']]);
      expect(done.cancelled).toHaveLength(6);
      expect((await sessionRow(october.id)).status).toBe('SCHEDULED');
    });

    it('sessionsAllotted, where the kept session takes a place of the allotment', async () => {
      const { engagement, october } = await withContent();
      const done = await previewThenMutate(
        engagement.id,
        { sessionsAllotted: 3 },
        async () => (await gql(UPDATE, { id: engagement.id, input: { sessionsAllotted: 3 } })).updateEngagement.lastPlanChange,
      );
      expect(done.kept.map((k) => [k.session.id, k.reason])).toEqual([[october.id, 'HAS_CONTENT']]);
      // October and the first two of the cadence: three in all.
      expect(await scheduled(engagement.id)).toEqual(['2027-01-15T09:00:00.000Z', '2027-02-15T09:00:00.000Z', october.startsAt]);
    });

    it('pause: plain sessions are cancelled, the one with content stays scheduled', async () => {
      const { engagement, october } = await withContent();
      const done = await previewThenMutate(
        engagement.id,
        { pause: true },
        async () => (await gql(PAUSE, { id: engagement.id })).pauseEngagement.lastPlanChange,
      );
      expect(done.kept.map((k) => [k.session.id, k.reason])).toEqual([[october.id, 'HAS_CONTENT']]);
      expect(done.cancelled).toHaveLength(11);
      expect(await scheduled(engagement.id)).toEqual([october.startsAt]);
    });

    it('completing the engagement cancels every future session but leaves its content', async () => {
      const { engagement, october } = await withContent();
      const done = (await gql(COMPLETE, { id: engagement.id })).completeEngagement;
      expect(done.status).toBe('COMPLETED');
      expect(done.lastPlanChange.kept).toEqual([]);
      expect(done.lastPlanChange.cancelled.map((s: { id: string }) => s.id)).toContain(october.id);
      expect(await scheduled(engagement.id)).toEqual([]);
      expect(await sessionRow(october.id)).toMatchObject({ status: 'CANCELLED', agenda: 'Mid-year review' });
      const [audit] = await api.sql(`SELECT details FROM audit_event WHERE action = 'engagement.completed' AND entity_id = $1`, [
        engagement.id,
      ]);
      expect(audit.details.cancelledWithContentSessionIds).toEqual([october.id]);
    });
  });

  it('answers lastPlanChange null outside the request that re-planned', async () => {
    const engagement = await aMonthlyEngagement();
    const data = await gql(ENGAGEMENT, { id: engagement.id });
    expect(data.engagement.lastPlanChange).toBeNull();
  });

  it('rolls the plan 12 months ahead for three years, never running out, never doubling, stopping at the allotment and end date', async () => {
    const horizon = api.app.get(SessionHorizon);
    const cases = [
      { name: 'quarterly', cadence: { frequency: 'QUARTERLY', anchor: 'ORDINAL_WEEKDAY', ordinal: 1, weekday: 2, localTime: '09:00' } },
      { name: 'semi-annual', cadence: { frequency: 'SEMI_ANNUAL', anchor: 'DAY_OF_MONTH', day: 31, localTime: '16:30' } },
      {
        name: 'quarterly, 6 allotted',
        cadence: { frequency: 'QUARTERLY', anchor: 'DAY_OF_MONTH', day: 10, localTime: '09:00' },
        sessionsAllotted: 6,
      },
      {
        name: 'semi-annual to 2028-12-31',
        cadence: { frequency: 'SEMI_ANNUAL', anchor: 'DAY_OF_MONTH', day: 1, localTime: '09:00' },
        endDate: '2028-12-31',
      },
    ];
    const engagements: Array<{ id: string; rule: Cadence; sessionsAllotted?: number; endDate?: string; name: string }> = [];
    for (const c of cases) {
      const client = await aClient(api, coach, { timeZone: 'America/New_York' });
      const { id } = await anEngagement(api, coach, client.id, {
        startDate: '2027-01-01',
        cadence: c.cadence,
        ...(c.sessionsAllotted ? { sessionsAllotted: c.sessionsAllotted } : {}),
      });
      if (c.endDate) await gql(UPDATE, { id, input: { endDate: c.endDate } });
      const [row] = await api.sql(
        `SELECT cadence_anchor_kind, cadence_day, cadence_ordinal, cadence_weekday FROM engagement WHERE id = $1`,
        [id],
      );
      const anchor =
        row.cadence_anchor_kind === 'DAY_OF_MONTH'
          ? { kind: 'DAY_OF_MONTH' as const, day: row.cadence_day }
          : { kind: 'ORDINAL_WEEKDAY' as const, ordinal: row.cadence_ordinal, weekday: row.cadence_weekday };
      engagements.push({
        ...c,
        id,
        rule: {
          frequency: c.cadence.frequency as Cadence['frequency'],
          anchor,
          localTime: c.cadence.localTime,
          timeZone: 'America/New_York',
        },
      });
    }

    let created = 0;
    for (let month = 1; month <= 36; month += 1) {
      clock.set(new Date(Date.UTC(2027, month, 4, 10)));
      const now = clock.now();
      // Once two workers at the same moment: no doubles either.
      created += month === 18 ? (await Promise.all([horizon.topUp(), horizon.topUp()])).reduce((a, b) => a + b, 0) : await horizon.topUp();
      // A second run is a no-op.
      expect(await horizon.topUp()).toBe(0);
      for (const e of engagements) {
        const rows = await api.sql<{ starts_at: Date; n: number }>(
          `SELECT starts_at, count(*)::int AS n FROM coaching_session WHERE engagement_id = $1 AND status <> 'CANCELLED' GROUP BY starts_at ORDER BY starts_at`,
          [e.id],
        );
        expect({ e: e.name, month, doubles: rows.filter((r) => r.n > 1).length }).toEqual({ e: e.name, month, doubles: 0 });
        const future = rows.map((r) => r.starts_at.toISOString()).filter((at) => at >= now.toISOString());
        const allotted = e.sessionsAllotted ?? Infinity;
        const expected = expandCadence(e.rule, {
          startDate: '2027-01-01',
          endDate: e.endDate ?? null,
          from: now,
          until: planningHorizon(now),
        })
          .map((d) => d.toISOString())
          .slice(0, Math.max(0, allotted - (rows.length - future.length)));
        expect({ e: e.name, month, future }).toEqual({ e: e.name, month, future: expected });
        if (e.sessionsAllotted) expect(rows.length).toBeLessThanOrEqual(e.sessionsAllotted);
        if (e.endDate) expect(future.every((at) => at < '2029-01-01')).toBe(true);
      }
    }
    expect(created).toBeGreaterThan(0);
    // Open-ended ones always had sessions ahead; the allotment and the end date ended theirs.
    const totals = await api.sql<{ engagement_id: string; n: number; last: Date }>(
      `SELECT engagement_id, count(*)::int AS n, max(starts_at) AS last FROM coaching_session WHERE engagement_id = ANY($1) AND status <> 'CANCELLED' GROUP BY engagement_id`,
      [engagements.map((e) => e.id)],
    );
    const total = (i: number) => totals.find((t) => t.engagement_id === engagements[i].id)!;
    expect(total(0).last.toISOString()).toBe('2030-10-01T13:00:00.000Z');
    expect(total(1).last.toISOString()).toBe('2030-07-31T20:30:00.000Z');
    expect(total(2).n).toBe(6);
    expect(total(3).last.toISOString()).toBe('2028-07-01T13:00:00.000Z');
    // Every session the job created has its reminders planned in the outbox.
    const unplanned = await api.sql(
      `SELECT s.id FROM coaching_session s WHERE s.engagement_id = ANY($1) AND s.status = 'SCHEDULED'
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.session_id = s.id AND n.kind = 'SESSION_REMINDER')`,
      [engagements.map((e) => e.id)],
    );
    expect(unplanned).toEqual([]);
  });

  it('a client who moves keeps the local time of their cadence; moved sessions keep their instant; emails follow', async () => {
    const engagement = await aMonthlyEngagement();
    const [january, february, march] = engagement.sessions;
    await gql(RESCHEDULE, { id: march.id, at: '2027-03-16T11:00:00.000Z' });
    // January's 48-hour reminder has gone out already.
    await api.sql(`UPDATE notification SET status = 'SENT', sent_at = now() WHERE session_id = $1 AND kind = 'SESSION_REMINDER'`, [
      january.id,
    ]);
    const sentBefore = await api.sql(`SELECT id, idempotency_key, status, updated_at FROM notification WHERE status = 'SENT' ORDER BY id`);

    await gql(UPDATE_CLIENT, { id: engagement.clientId, input: { timeZone: 'America/New_York' } });

    expect((await gql(ENGAGEMENT, { id: engagement.id })).engagement.cadence).toEqual({ timeZone: 'America/New_York', localTime: '09:00' });
    const rows = await api.sql(
      `SELECT id, starts_at, time_zone, version FROM coaching_session WHERE engagement_id = $1 AND status = 'SCHEDULED' ORDER BY starts_at`,
      [engagement.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // 09:00 in New York: 14:00Z in winter, 13:00Z in summer.
    expect(byId.get(january.id)).toMatchObject({ starts_at: new Date('2027-01-15T14:00:00Z'), time_zone: 'America/New_York', version: 2 });
    expect(byId.get(february.id)).toMatchObject({ starts_at: new Date('2027-02-15T14:00:00Z'), version: 2 });
    expect(byId.get(march.id)).toMatchObject({ starts_at: new Date('2027-03-16T11:00:00Z'), version: 2, time_zone: 'Europe/London' });
    expect(rows.find((r) => r.starts_at.toISOString().startsWith('2027-07'))!.starts_at.toISOString()).toBe('2027-07-15T13:00:00.000Z');
    // Pending emails are re-planned for the new instants; nothing already sent changed or is planned again.
    const pending = await api.sql(
      `SELECT session_version, send_at FROM notification WHERE session_id = $1 AND status = 'PENDING' AND kind = 'SESSION_REMINDER' ORDER BY send_at`,
      [february.id],
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((n) => n.session_version === 2)).toBe(true);
    expect(pending[0].send_at.toISOString()).toBe('2027-02-13T14:00:00.000Z');
    expect(await api.sql(`SELECT id, idempotency_key, status, updated_at FROM notification WHERE status = 'SENT' ORDER BY id`)).toEqual(
      sentBefore,
    );
    const cancelledOld = await api.sql(
      `SELECT count(*)::int AS n FROM notification WHERE session_id = $1 AND session_version = 1 AND status = 'PENDING'`,
      [february.id],
    );
    expect(cancelledOld[0].n).toBe(0);
  });
});
