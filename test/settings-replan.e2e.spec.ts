// Long on purpose: each settings change that re-plans pending emails is its own case over one setup.
import { TestClock } from '#tandem/clock';
import { NotificationDispatcher, NotificationSender, signUnsubscribeToken } from '#tandem/notifications';
import { aClient, aClientLogin, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { dispatchAndSend, planPeriodic } from './support/notifications.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';

const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;
const UPDATE_PRACTICE = `mutation($offsets: [Int!]) { updatePractice(input: { reminderOffsetsMinutes: $offsets }) { reminderOffsetsMinutes } }`;
const UPDATE_CLIENT = `mutation($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`;
const PREFERENCES = `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { disabledKinds quietHoursStart coachSessionReminders } }`;

/** Monday 4 January 2027, 10:00 in London (GMT, so UTC and local agree). */
const START = '2027-01-04T10:00:00.000Z';
/** Friday 8 January 2027, 15:00: with the default offsets (48 h, 2 h) reminded on the 6th at 15:00 and the 8th at 13:00; prep on the 5th. */
const FRIDAY = '2027-01-08T15:00:00.000Z';
const NEXT_THURSDAY = '2027-01-14T15:00:00.000Z';

interface PlannedRow {
  kind: string;
  offset: number | null;
  role: 'client' | 'coach';
  status: string;
  sendAt: string;
  plannedSendAt: string | null;
  reason: string | null;
}

/**
 * Settings changes reach the emails already planned, in the transaction of the change: reminder
 * times (practice and client), kinds turned back on after a one-click unsubscribe, coach reminders,
 * quiet hours. Nothing already sent is planned again. The clock is a TestClock; the pipeline is
 * driven by hand (dispatcher, then sender) at the clock's time.
 */
describe('settings changes re-plan pending emails', () => {
  const clock = new TestClock(START);
  let smtp: SmtpReceiver;
  let api: TestApi;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ clock, env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' } });
  });
  beforeEach(() => clock.set(START));
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  /** A client in London with an ad hoc engagement, and sessions at the given instants. */
  async function clientWithSessions(owner: OwnerSession, startsAt: string[], overrides: Record<string, unknown> = {}) {
    const client = await aClient(api, owner, { timeZone: 'Europe/London', ...overrides });
    const engagement = await anEngagement(api, owner, client.id, {
      startDate: '2027-01-01',
      cadence: { frequency: 'AD_HOC', localTime: '09:00' },
    });
    const sessions: string[] = [];
    for (const at of startsAt)
      sessions.push((await api.as(owner.token).gql(SCHEDULE, { input: { engagementId: engagement.id, startsAt: at } })).scheduleSession.id);
    return { client, engagement, sessions };
  }

  /** A session's reminder and prep rows, in send order. */
  async function planned(sessionId: string): Promise<PlannedRow[]> {
    const rows = await api.sql(
      `SELECT kind, (data->>'offsetMinutes')::int AS offset, coalesce((data->>'forCoach')::boolean, false) AS for_coach, status, send_at, planned_send_at, reason
         FROM notification WHERE session_id = $1 AND kind IN ('SESSION_REMINDER', 'SESSION_PREP') ORDER BY send_at, kind, for_coach`,
      [sessionId],
    );
    return rows.map((row) => ({
      kind: row.kind,
      offset: row.offset,
      role: row.for_coach ? 'coach' : 'client',
      status: row.status,
      sendAt: new Date(row.send_at).toISOString(),
      plannedSendAt: row.planned_send_at ? new Date(row.planned_send_at).toISOString() : null,
      reason: row.reason,
    }));
  }

  const reminder = (offset: number, status: string, sendAt: string, extra: Partial<PlannedRow> = {}): PlannedRow => ({
    kind: 'SESSION_REMINDER',
    offset,
    role: 'client',
    status,
    sendAt,
    plannedSendAt: null,
    reason: null,
    ...extra,
  });
  const prep = (status: string, sendAt: string, extra: Partial<PlannedRow> = {}): PlannedRow => ({
    kind: 'SESSION_PREP',
    offset: null,
    role: 'client',
    status,
    sendAt,
    plannedSendAt: null,
    reason: null,
    ...extra,
  });
  const before = (startsAt: string, minutes: number) => new Date(new Date(startsAt).getTime() - minutes * 60_000).toISOString();

  /** Moves the clock to `at` and runs the pipeline once: the due rows are claimed and sent. */
  async function sendDueAt(at: string): Promise<Record<string, string>> {
    clock.set(at);
    return dispatchAndSend(api, clock.now());
  }

  async function keyCount(sessionId: string, offset: number): Promise<number> {
    const [row] = await api.sql(`SELECT count(*)::int AS n FROM notification WHERE idempotency_key = $1`, [
      `reminder:${sessionId}:v1:${offset}m:client`,
    ]);
    return row.n;
  }

  it('practice reminder times: removed offsets are cancelled, new ones added, the one already sent is not planned again', async () => {
    const owner = await anOwner(api);
    const {
      sessions: [friday, thursday],
    } = await clientWithSessions(owner, [FRIDAY, NEXT_THURSDAY]);
    const {
      client: own,
      sessions: [ownSession],
    } = await clientWithSessions(owner, [FRIDAY]);
    await api.as(owner.token).gql(UPDATE_CLIENT, { id: own.id, input: { reminderOffsetsMinutes: [30] } });

    // The 48-hour reminder (and the prep email) of Friday's session go out.
    const outcomes = await sendDueAt('2027-01-06T15:00:30.000Z');
    expect(Object.values(outcomes).filter((outcome) => outcome === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(await planned(friday)).toEqual([
      prep('SENT', before(FRIDAY, 4320)),
      reminder(2880, 'SENT', before(FRIDAY, 2880)),
      reminder(120, 'PENDING', before(FRIDAY, 120)),
    ]);

    const ownBefore = await planned(ownSession);
    await api.as(owner.token).gql(UPDATE_PRACTICE, { offsets: [3000, 2880, 1440, 60] });
    const removed = { reason: 'reminder time removed from the settings' };
    // Friday's 50-hour reminder would have gone out on Wednesday at 13:00: a re-plan sends nothing late.
    expect(await planned(friday)).toEqual([
      prep('SENT', before(FRIDAY, 4320)),
      reminder(2880, 'SENT', before(FRIDAY, 2880)),
      reminder(1440, 'PENDING', before(FRIDAY, 1440)),
      reminder(120, 'CANCELLED', before(FRIDAY, 120), removed),
      reminder(60, 'PENDING', before(FRIDAY, 60)),
    ]);
    expect(await planned(thursday)).toEqual([
      prep('PENDING', before(NEXT_THURSDAY, 4320)),
      reminder(3000, 'PENDING', before(NEXT_THURSDAY, 3000)),
      reminder(2880, 'PENDING', before(NEXT_THURSDAY, 2880)),
      reminder(1440, 'PENDING', before(NEXT_THURSDAY, 1440)),
      reminder(120, 'CANCELLED', before(NEXT_THURSDAY, 120), removed),
      reminder(60, 'PENDING', before(NEXT_THURSDAY, 60)),
    ]);
    // A client with reminder times of their own keeps them.
    expect(await planned(ownSession)).toEqual(ownBefore);

    // Back to the old times: the cancelled 2-hour reminders are planned again; the sent one stays the only one.
    await api.as(owner.token).gql(UPDATE_PRACTICE, { offsets: [2880, 120] });
    expect(await planned(friday)).toEqual([
      prep('SENT', before(FRIDAY, 4320)),
      reminder(2880, 'SENT', before(FRIDAY, 2880)),
      reminder(1440, 'CANCELLED', before(FRIDAY, 1440), removed),
      reminder(120, 'PENDING', before(FRIDAY, 120)),
      reminder(60, 'CANCELLED', before(FRIDAY, 60), removed),
    ]);
    expect(await keyCount(friday, 2880)).toBe(1);
    expect((await planned(thursday)).filter((row) => row.status === 'PENDING').map((row) => row.offset)).toEqual([null, 2880, 120]);
  });

  it('practice reminder times: the same few SQL statements for one client’s future sessions as for four clients’', async () => {
    async function statementsToChangeOffsets(clients: number): Promise<{ statements: number; sessions: number }> {
      const owner = await anOwner(api);
      for (let i = 0; i < clients; i += 1) {
        const client = await aClient(api, owner, { timeZone: 'Europe/London' });
        await anEngagement(api, owner, client.id, { startDate: '2027-01-01' }); // monthly for 12 months
      }
      const response = await api.as(owner.token).raw(UPDATE_PRACTICE, { offsets: [1440] });
      expect(response.body.errors).toBeUndefined();
      const [row] = await api.sql(
        `SELECT count(DISTINCT n.session_id)::int AS sessions FROM notification n
          WHERE n.practice_id = $1 AND n.status = 'PENDING' AND n.kind = 'SESSION_REMINDER' AND (n.data->>'offsetMinutes')::int = 1440`,
        [owner.practiceId],
      );
      return { statements: Number(response.headers.get('x-sql-statements')), sessions: row.sessions };
    }
    const one = await statementsToChangeOffsets(1);
    const four = await statementsToChangeOffsets(4);
    expect(one.sessions).toBeGreaterThanOrEqual(10);
    expect(four.sessions).toBe(4 * one.sessions);
    expect(one.statements).toBeGreaterThan(0);
    expect(four.statements).toBe(one.statements);
    process.stdout.write(
      `updatePractice(reminderOffsetsMinutes): ${one.statements} SQL statements for ${one.sessions} future sessions, ${four.statements} for ${four.sessions}\n`,
    );
  });

  it('client reminder times: the one already sent stays sent, a removed one is cancelled, a new one added', async () => {
    const owner = await anOwner(api);
    const {
      client,
      sessions: [friday],
    } = await clientWithSessions(owner, [FRIDAY]);
    await api.as(owner.token).gql(UPDATE_CLIENT, { id: client.id, input: { reminderOffsetsMinutes: [1440, 30] } });
    expect(await planned(friday)).toEqual([
      prep('PENDING', before(FRIDAY, 4320)),
      reminder(2880, 'CANCELLED', before(FRIDAY, 2880), { reason: 'reminder time removed from the settings' }),
      reminder(1440, 'PENDING', before(FRIDAY, 1440)),
      reminder(120, 'CANCELLED', before(FRIDAY, 120), { reason: 'reminder time removed from the settings' }),
      reminder(30, 'PENDING', before(FRIDAY, 30)),
    ]);

    await sendDueAt('2027-01-07T15:00:30.000Z');
    expect((await planned(friday)).find((row) => row.offset === 1440)!.status).toBe('SENT');

    await api.as(owner.token).gql(UPDATE_CLIENT, { id: client.id, input: { reminderOffsetsMinutes: [1440, 60] } });
    const rows = await planned(friday);
    expect(rows.filter((row) => row.kind === 'SESSION_REMINDER' && row.status !== 'CANCELLED')).toEqual([
      reminder(1440, 'SENT', before(FRIDAY, 1440)),
      reminder(60, 'PENDING', before(FRIDAY, 60)),
    ]);
    expect(rows.find((row) => row.offset === 30)).toMatchObject({ status: 'CANCELLED', reason: 'reminder time removed from the settings' });
    expect(await keyCount(friday, 1440)).toBe(1);
  });

  describe('one-click unsubscribe, then turning the kind back on', () => {
    const oneClick = (practiceId: string, email: string, kind: string) => {
      const token = signUnsubscribeToken(
        { practiceId, email, kind, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        api.runtime.config.jwtSecret,
      );
      return fetch(`${api.http.baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }).toString(),
      });
    };

    it('re-plans the reminders of future sessions (not while still unsubscribed), at their times', async () => {
      const owner = await anOwner(api);
      const {
        client,
        sessions: [friday],
      } = await clientWithSessions(owner, [FRIDAY]);
      const login: Session = await aClientLogin(api, owner, client.id);
      const original = await planned(friday);

      expect((await oneClick(owner.practiceId, client.email, 'SESSION_REMINDER')).status).toBe(200);
      const withdrawn = { reason: 'recipient unsubscribed' };
      expect(await planned(friday)).toEqual([
        prep('PENDING', before(FRIDAY, 4320)),
        reminder(2880, 'CANCELLED', before(FRIDAY, 2880), withdrawn),
        reminder(120, 'CANCELLED', before(FRIDAY, 120), withdrawn),
      ]);
      // New reminder times while unsubscribed plan nothing for this address.
      await api.as(owner.token).gql(UPDATE_CLIENT, { id: client.id, input: { reminderOffsetsMinutes: [2880, 120, 60] } });
      expect((await planned(friday)).filter((row) => row.kind === 'SESSION_REMINDER' && row.status === 'PENDING')).toEqual([]);

      const turnedOn = await api.as(login.token).gql(PREFERENCES, { input: { disabledKinds: [] } });
      expect(turnedOn.updateNotificationPreferences.disabledKinds).toEqual([]);
      expect(await planned(friday)).toEqual([...original, reminder(60, 'PENDING', before(FRIDAY, 60))]);
    });

    it('lets the periodic planner plan the day’s cancelled nudge again', async () => {
      const owner = await anOwner(api);
      const { client, engagement } = await clientWithSessions(owner, []);
      const login = await aClientLogin(api, owner, client.id);
      await api.as(owner.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { engagementId: engagement.id, title: 'Send the CV to two recruiters', dueDate: '2027-01-05' },
      });
      const nudges = () =>
        api.sql(`SELECT status, reason, send_at FROM notification WHERE client_id = $1 AND kind = 'ACCOUNTABILITY_NUDGE'`, [client.id]);
      await planPeriodic(api, clock.now());
      expect(await nudges()).toEqual([{ status: 'PENDING', reason: null, send_at: new Date(START) }]);

      expect((await oneClick(owner.practiceId, client.email, 'ACCOUNTABILITY_NUDGE')).status).toBe(200);
      expect(await nudges()).toEqual([{ status: 'CANCELLED', reason: 'recipient unsubscribed', send_at: new Date(START) }]);
      clock.advance({ minutes: 5 });
      await planPeriodic(api, clock.now());
      expect((await nudges()).map((row) => row.status)).toEqual(['CANCELLED']);

      await api.as(login.token).gql(PREFERENCES, { input: { disabledKinds: [] } });
      clock.advance({ minutes: 5 });
      await planPeriodic(api, clock.now());
      // The same day's key, planned again for now (still morning in London).
      expect(await nudges()).toEqual([{ status: 'PENDING', reason: null, send_at: clock.now() }]);
    });
  });

  describe('quiet hours', () => {
    /** Friday 8 January 2027 at 00:30: its 2-hour reminder falls on Thursday at 22:30. */
    const LATE = '2027-01-08T00:30:00.000Z';
    const deferred = (sendAt: string) =>
      reminder(120, 'PENDING', sendAt, { plannedSendAt: before(LATE, 120), reason: 'deferred to the end of quiet hours' });

    async function lateSessionFor(owner: OwnerSession) {
      const client = await aClient(api, owner, { timeZone: 'Europe/London' });
      await api.as(owner.token).gql(UPDATE_CLIENT, { id: client.id, input: { reminderOffsetsMinutes: [120] } });
      const login = await aClientLogin(api, owner, client.id);
      return { client, login };
    }
    async function schedule(owner: OwnerSession, clientId: string, startsAt: string): Promise<string> {
      const engagement = await anEngagement(api, owner, clientId, {
        startDate: '2027-01-01',
        cadence: { frequency: 'AD_HOC', localTime: '09:00' },
      });
      return (await api.as(owner.token).gql(SCHEDULE, { input: { engagementId: engagement.id, startsAt } })).scheduleSession.id;
    }
    const lateReminder = async (sessionId: string) => (await planned(sessionId)).find((row) => row.offset === 120);

    it('set, changed and cleared: pending emails are re-timed at once, back to their planned time when cleared', async () => {
      const owner = await anOwner(api);
      const { client, login } = await lateSessionFor(owner);
      const late = await schedule(owner, client.id, LATE);
      expect(await lateReminder(late)).toEqual(reminder(120, 'PENDING', before(LATE, 120)));

      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '22:00', quietHoursEnd: '07:00' } });
      expect(await lateReminder(late)).toEqual(deferred('2027-01-08T07:00:00.000Z'));
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '23:00', quietHoursEnd: '06:00' } });
      expect(await lateReminder(late)).toEqual(reminder(120, 'PENDING', before(LATE, 120)));
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '21:00', quietHoursEnd: '06:00' } });
      expect(await lateReminder(late)).toEqual(deferred('2027-01-08T06:00:00.000Z'));
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: null, quietHoursEnd: null } });
      expect(await lateReminder(late)).toEqual(reminder(120, 'PENDING', before(LATE, 120)));
    });

    it('an email planned while quiet hours are set is planned for their end', async () => {
      const owner = await anOwner(api);
      const { client, login } = await lateSessionFor(owner);
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '22:00', quietHoursEnd: '07:00' } });
      const late = await schedule(owner, client.id, LATE);
      expect(await lateReminder(late)).toEqual(deferred('2027-01-08T07:00:00.000Z'));
    });

    it('a reminder the sender deferred goes out at its planned time once quiet hours are cleared', async () => {
      const owner = await anOwner(api);
      const { client, login } = await lateSessionFor(owner);
      const late = await schedule(owner, client.id, LATE);
      // Claimed at 22:30; quiet hours set before the worker sends it: the sender defers it.
      clock.set('2027-01-07T22:30:10.000Z');
      await api.app.get(NotificationDispatcher).dispatch();
      const [row] = await api.sql<{ id: string; status: string }>(
        `SELECT id, status FROM notification WHERE session_id = $1 AND kind = 'SESSION_REMINDER'`,
        [late],
      );
      expect(row.status).toBe('QUEUED');
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '22:00', quietHoursEnd: '07:00' } });
      expect(await api.app.get(NotificationSender).send(row.id, 1, 8, clock.now())).toBe('deferred');
      expect(await lateReminder(late)).toEqual(deferred('2027-01-08T07:00:00.000Z'));

      clock.set('2027-01-07T22:40:00.000Z');
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: null, quietHoursEnd: null } });
      expect(await lateReminder(late)).toEqual(reminder(120, 'PENDING', before(LATE, 120)));
      await sendDueAt('2027-01-07T22:40:05.000Z');
      expect((await lateReminder(late))!.status).toBe('SENT');
      expect(smtp.messages.filter((m) => m.parsed.messageId === `<notification-${row.id}@tandem.test>`)).toHaveLength(1);
    });

    it('follow the client to a new time zone: pending emails get the zone, and its quiet hours are read there', async () => {
      clock.set('2027-01-04T13:00:00.000Z'); // afternoon in London: tomorrow's nudge is planned for 08:00
      const owner = await anOwner(api);
      const { client, login } = await lateSessionFor(owner);
      const engagement = await anEngagement(api, owner, client.id, {
        startDate: '2027-01-01',
        cadence: { frequency: 'AD_HOC', localTime: '09:00' },
      });
      await api.as(owner.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { engagementId: engagement.id, title: 'Call the recruiter back', dueDate: '2027-01-05' },
      });
      await planPeriodic(api, clock.now());
      const nudge = async () =>
        (
          await api.sql(
            `SELECT recipient_time_zone, send_at, planned_send_at, reason FROM notification WHERE client_id = $1 AND kind = 'ACCOUNTABILITY_NUDGE'`,
            [client.id],
          )
        )[0];
      expect(await nudge()).toEqual({
        recipient_time_zone: 'Europe/London',
        send_at: new Date('2027-01-05T08:00:00Z'),
        planned_send_at: null,
        reason: null,
      });
      await api.as(login.token).gql(PREFERENCES, { input: { quietHoursStart: '07:00', quietHoursEnd: '09:00' } });
      expect(await nudge()).toMatchObject({ send_at: new Date('2027-01-05T09:00:00Z'), planned_send_at: new Date('2027-01-05T08:00:00Z') });

      // 08:00 in London is 03:00 in New York: outside the quiet hours there.
      await api.as(owner.token).gql(UPDATE_CLIENT, { id: client.id, input: { timeZone: 'America/New_York' } });
      expect(await nudge()).toEqual({
        recipient_time_zone: 'America/New_York',
        send_at: new Date('2027-01-05T08:00:00Z'),
        planned_send_at: null,
        reason: null,
      });
    });
  });

  it('coach reminders: switched on, the coach’s copies are planned; off, cancelled with the reason; on again, planned again', async () => {
    const owner = await anOwner(api);
    const {
      sessions: [friday, thursday],
    } = await clientWithSessions(owner, [FRIDAY, NEXT_THURSDAY]);
    const coachRows = async (sessionId: string) => (await planned(sessionId)).filter((row) => row.role === 'coach');
    expect(await coachRows(friday)).toEqual([]);

    // Friday's 48-hour reminder goes out to the client before the coach switches theirs on.
    await sendDueAt('2027-01-06T15:00:30.000Z');
    const on = await api.as(owner.token).gql(PREFERENCES, { input: { coachSessionReminders: true } });
    expect(on.updateNotificationPreferences.coachSessionReminders).toBe(true);
    const coach = (offset: number, status: string, sendAt: string, extra: Partial<PlannedRow> = {}) =>
      reminder(offset, status, sendAt, { role: 'coach', ...extra });
    expect(await coachRows(friday)).toEqual([coach(120, 'PENDING', before(FRIDAY, 120))]);
    expect(await coachRows(thursday)).toEqual([
      coach(2880, 'PENDING', before(NEXT_THURSDAY, 2880)),
      coach(120, 'PENDING', before(NEXT_THURSDAY, 120)),
    ]);

    await api.as(owner.token).gql(PREFERENCES, { input: { coachSessionReminders: false } });
    const off = { reason: 'coach turned off session reminders' };
    expect(await coachRows(thursday)).toEqual([
      coach(2880, 'CANCELLED', before(NEXT_THURSDAY, 2880), off),
      coach(120, 'CANCELLED', before(NEXT_THURSDAY, 120), off),
    ]);
    // The client's own reminders are untouched.
    expect(
      (await planned(thursday)).filter((row) => row.role === 'client' && row.kind === 'SESSION_REMINDER').map((row) => row.status),
    ).toEqual(['PENDING', 'PENDING']);

    await api.as(owner.token).gql(PREFERENCES, { input: { coachSessionReminders: true } });
    expect(await coachRows(thursday)).toEqual([
      coach(2880, 'PENDING', before(NEXT_THURSDAY, 2880)),
      coach(120, 'PENDING', before(NEXT_THURSDAY, 120)),
    ]);
  });
});
