import { TestClock } from '#tandem/clock';
import { aClient, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id startsAt } }`;
const RESCHEDULE = `mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { startsAt version } }`;
const COMPLETE = `mutation($id: ID!) { completeSession(id: $id) { status completedAt } }`;
const NO_SHOW = `mutation($id: ID!) { markSessionNoShow(id: $id) { status completedAt } }`;
const PUBLISH = `mutation($id: ID!) { publishSessionSummary(id: $id, summary: "We agreed three talking points") { sharedSummary summaryPublishedAt } }`;

/** Tuesday 12 January 2027, 09:00 in London (GMT). */
const STARTS_AT = '2027-01-12T09:00:00.000Z';

/**
 * The API reads "now" from the injected Clock: a session cannot be completed, marked no-show or
 * have its summary shared before it starts, nor be scheduled or moved into the past. Each refusal
 * leaves the session, the outbox and the audit trail as they were.
 */
describe('sessions and the clock', () => {
  const clock = new TestClock('2027-01-04T10:00:00Z');
  let api: TestApi;
  let coach: OwnerSession;
  let engagementId: string;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    coach = await anOwner(api);
    const client = await aClient(api, coach, { timeZone: 'Europe/London' });
    engagementId = (
      await anEngagement(api, coach, client.id, { startDate: '2027-01-01', cadence: { frequency: 'AD_HOC', localTime: '09:00' } })
    ).id;
  });
  beforeEach(() => clock.set('2027-01-04T10:00:00Z'));
  afterAll(async () => {
    await api?.close();
  });

  async function aSession(startsAt = STARTS_AT): Promise<string> {
    return (await api.as(coach.token).gql(SCHEDULE, { input: { engagementId, startsAt } })).scheduleSession.id;
  }

  /** Everything a refused mutation must leave alone. */
  async function state(sessionId?: string) {
    return {
      session: sessionId ? await api.sql(`SELECT * FROM coaching_session WHERE id = $1`, [sessionId]) : [],
      sessions: await api.sql(`SELECT id, status, starts_at, version FROM coaching_session WHERE engagement_id = $1 ORDER BY id`, [
        engagementId,
      ]),
      notifications: await api.sql(`SELECT id, kind, status, idempotency_key, send_at, updated_at FROM notification ORDER BY id`),
      audit: await api.sql(`SELECT id FROM audit_event ORDER BY id`),
    };
  }

  async function refusal(query: string, variables: Record<string, unknown>) {
    const { body } = await api.as(coach.token).raw(query, variables);
    expect(body.data ?? null).toBeNull();
    const [error] = body.errors ?? [];
    return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
  }

  it('refuses to complete a session five weeks ahead, and completes it once it has started', async () => {
    clock.set('2026-12-08T09:00:00Z');
    const id = await aSession();
    const before = await state(id);
    expect(await refusal(COMPLETE, { id })).toEqual({
      code: 'CONFLICT',
      field: undefined,
      message: 'This session starts on 12 January 2027 at 09:00 (Europe/London); it can be marked completed once it has started.',
    });
    clock.set('2027-01-12T08:59:59Z');
    expect((await refusal(COMPLETE, { id })).code).toBe('CONFLICT');
    expect(await state(id)).toEqual(before);

    clock.set(STARTS_AT);
    const done = await api.as(coach.token).gql(COMPLETE, { id });
    expect(done.completeSession).toEqual({ status: 'COMPLETED', completedAt: STARTS_AT });
  });

  it('refuses to mark a session a no-show before it starts, and accepts it after', async () => {
    const id = await aSession();
    const before = await state(id);
    expect(await refusal(NO_SHOW, { id })).toEqual({
      code: 'CONFLICT',
      field: undefined,
      message: 'This session starts on 12 January 2027 at 09:00 (Europe/London); it can be marked as a no-show once it has started.',
    });
    expect(await state(id)).toEqual(before);

    clock.set('2027-01-12T09:20:00Z');
    expect((await api.as(coach.token).gql(NO_SHOW, { id })).markSessionNoShow).toEqual({ status: 'NO_SHOW', completedAt: null });
  });

  it('refuses to share a summary before the session starts (no email planned), and shares it once it has', async () => {
    const id = await aSession();
    const before = await state(id);
    expect(await refusal(PUBLISH, { id })).toEqual({
      code: 'CONFLICT',
      field: undefined,
      message:
        'This session starts on 12 January 2027 at 09:00 (Europe/London); its summary can be shared once it has started (until then the client sees the agenda).',
    });
    expect(await state(id)).toEqual(before);
    expect(await api.sql(`SELECT id FROM notification WHERE session_id = $1 AND kind = 'SESSION_SUMMARY'`, [id])).toEqual([]);

    clock.set('2027-01-12T10:05:00Z');
    const published = await api.as(coach.token).gql(PUBLISH, { id });
    expect(published.publishSessionSummary).toEqual({
      sharedSummary: 'We agreed three talking points',
      summaryPublishedAt: '2027-01-12T10:05:00.000Z',
    });
    expect(await api.sql(`SELECT kind FROM notification WHERE session_id = $1 AND kind = 'SESSION_SUMMARY'`, [id])).toEqual([
      { kind: 'SESSION_SUMMARY' },
    ]);
  });

  it('refuses to schedule a session in the past, with the field named, and creates nothing', async () => {
    const before = await state();
    for (const startsAt of ['2020-03-01T09:00:00Z', '2027-01-04T09:54:00Z']) {
      expect(await refusal(SCHEDULE, { input: { engagementId, startsAt } })).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'startsAt',
        message: expect.stringMatching(
          /^A session cannot start in the past: .+ \(Europe\/London\) has already gone by\. Choose a time from now on\.$/,
        ),
      });
    }
    expect((await refusal(SCHEDULE, { input: { engagementId, startsAt: '2020-03-01T09:00:00Z' } })).message).toContain(
      '1 March 2020 at 09:00 (Europe/London)',
    );
    expect(await state()).toEqual(before);

    // A session that starts "now", typed to the minute, is still accepted (5 minutes' grace).
    const now = await api.as(coach.token).gql(SCHEDULE, { input: { engagementId, startsAt: '2027-01-04T09:56:00Z' } });
    expect(now.scheduleSession.startsAt).toBe('2027-01-04T09:56:00.000Z');
  });

  it('refuses to move a session into the past, leaving its time, version and reminders as they were', async () => {
    const id = await aSession();
    const before = await state(id);
    expect(before.notifications.length).toBeGreaterThan(0);
    expect(await refusal(RESCHEDULE, { id, at: '2020-06-01T09:00:00Z' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
      message: 'A session cannot start in the past: 1 June 2020 at 10:00 (Europe/London) has already gone by. Choose a time from now on.',
    });
    expect(await state(id)).toEqual(before);

    // A session whose time went by without being held can still be moved ahead.
    clock.set('2027-01-13T12:00:00Z');
    const moved = await api.as(coach.token).gql(RESCHEDULE, { id, at: '2027-01-19T09:00:00Z' });
    expect(moved.rescheduleSession).toEqual({ startsAt: '2027-01-19T09:00:00.000Z', version: 2 });
  });
});
