import { DateTime } from 'luxon';
import { justAfter, ShiftedClock, withClockAt } from './support/clock.js';
import { aClient, aClientLogin, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { dispatchAndSend, makeDue, outboxRows, parseCalendar, planPeriodic } from './support/notifications.js';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver.js';
import { describeWithRedis, testRedisUrl } from './support/redis.js';
import { TestApi } from './support/test-api.js';
import { waitFor } from './support/wait-for.js';

const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id version startsAt } }`;
const inMinutes = (minutes: number, extraMs = 0) => new Date(Date.now() + minutes * 60_000 + extraMs).toISOString();
const calendarOf = (mail: ReceivedMail) => {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part ? parseCalendar(part.content.toString('utf8')) : undefined;
};
const mailsTo = (smtp: SmtpReceiver, email: string) => smtp.messages.filter((m) => m.envelopeTo.includes(email.toLowerCase()));

function withWorker(backend: 'postgres' | 'redis') {
  // At the real time, moved only to share a summary once its session has started.
  const clock = new ShiftedClock();
  let api: TestApi;
  let smtp: SmtpReceiver;
  let coach: OwnerSession;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({
      env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' },
      runWorker: true,
      ...(backend === 'redis' ? { redisUrl: testRedisUrl! } : {}),
      clock,
    });
    coach = await anOwner(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  async function clientWithSessionSoon(overrides: Record<string, unknown> = {}) {
    const client = await aClient(api, coach, { timeZone: 'America/New_York', ...overrides });
    await api
      .as(coach.token)
      .gql(`mutation($id: ID!) { updateClient(id: $id, input: { reminderOffsetsMinutes: [120] }) { id } }`, { id: client.id });
    const engagement = await anEngagement(api, coach, client.id, { cadence: { frequency: 'AD_HOC', day: 1, localTime: '09:00' } });
    const session = await api.as(coach.token).gql(SCHEDULE, {
      input: {
        engagementId: engagement.id,
        startsAt: inMinutes(120, 1500),
        meetingUrl: 'https://meet.example.com/tandem',
        agenda: 'Review the <offer> letter',
      },
    });
    return { client, engagement, session: session.scheduleSession as { id: string; version: number; startsAt: string } };
  }

  it('delivers a session reminder: the planned row, then the message with both bodies, headers and a calendar invite', async () => {
    const { client, session } = await clientWithSessionSoon();
    const [planned] = await outboxRows(api, `session_id = $1`, [session.id]);
    expect(planned).toMatchObject({
      kind: 'SESSION_REMINDER',
      status: expect.stringMatching(/PENDING|QUEUED|SENT/),
      recipient_email: client.email,
      session_version: 1,
    });

    await waitFor(() => mailsTo(smtp, client.email).length > 0 || undefined, { what: 'the reminder', timeoutMs: 15_000 });
    const [mail] = mailsTo(smtp, client.email);
    expect(mail.parsed.subject).toMatch(/reminder/i);
    expect(mail.parsed.text).toContain('https://meet.example.com/tandem');
    expect(mail.parsed.text).toContain('(America/New_York)');
    expect(mail.parsed.html).toMatch(/Review the (&lt;|&#60;)offer(&gt;|&#62;) letter/);
    expect(mail.parsed.html).not.toContain('<offer>');
    expect(mail.parsed.messageId).toBe(`<notification-${planned.id}@tandem.test>`);
    // (a long header is folded onto a continuation line)
    expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/tandem\.test\/unsubscribe\?token=[\w.-]+>\r?$/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const event = calendarOf(mail)!;
    expect(event).toMatchObject({
      method: 'REQUEST',
      uid: expect.stringContaining(`session-${session.id}@`),
      sequence: 1,
      attendees: [client.email],
    });
    const [start] = await api.sql<{ starts_at: Date }>(`SELECT starts_at FROM coaching_session WHERE id = $1`, [session.id]);
    // iCalendar keeps whole seconds.
    expect(event.start.getTime()).toBe(Math.floor(new Date(start.starts_at).getTime() / 1000) * 1000);

    await waitFor(async () => (await outboxRows(api, `id = $1 AND status = 'SENT'`, [planned.id]))[0], {
      what: 'the reminder marked sent',
    });
    const listed = await api
      .as(coach.token)
      .gql(`query($id: ID!) { notifications(clientId: $id, first: 10) { edges { node { kind status attempts sentAt } } } }`, {
        id: client.id,
      });
    expect(listed.notifications.edges.map((e: any) => e.node)).toContainEqual({
      kind: 'SESSION_REMINDER',
      status: 'SENT',
      attempts: 1,
      sentAt: expect.any(String),
    });
  });

  it('retries a 451 with backoff and delivers once', async () => {
    smtp.rejectWith(451, 'greylisted, try later');
    const { client } = await clientWithSessionSoon();
    await waitFor(async () => (await outboxRows(api, `recipient_email = $1 AND attempts >= 1`, [client.email])).length > 0 || undefined, {
      what: 'a failed attempt',
    });
    smtp.accept();
    await waitFor(() => mailsTo(smtp, client.email).length > 0 || undefined, { what: 'the retried reminder', timeoutMs: 20_000 });
    const row = await waitFor(async () => (await outboxRows(api, `recipient_email = $1 AND status = 'SENT'`, [client.email]))[0], {
      what: 'the row marked sent',
    });
    expect(row).toMatchObject({ status: 'SENT', reason: null });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(mailsTo(smtp, client.email)).toHaveLength(1);
  });

  it('fails a 550 at once with the reason, and suppresses the address for later reminders', async () => {
    smtp.rejectWith(550, 'no such mailbox');
    const { client } = await clientWithSessionSoon();
    await waitFor(async () => (await outboxRows(api, `recipient_email = $1 AND status = 'FAILED'`, [client.email]))[0], {
      what: 'the failure',
    });
    smtp.accept();
    const [failed] = await outboxRows(api, `recipient_email = $1`, [client.email]);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, reason: expect.stringContaining('550') });
    const [preference] = await api.sql(`SELECT suppressed_at, suppression_reason FROM email_preference WHERE email = lower($1)`, [
      client.email,
    ]);
    expect(preference.suppressed_at).not.toBeNull();

    const engagement = await api.sql<{ id: string }>(
      `SELECT id FROM engagement WHERE client_id = (SELECT id FROM client WHERE email = $1)`,
      [client.email],
    );
    await api.as(coach.token).gql(SCHEDULE, { input: { engagementId: engagement[0].id, startsAt: inMinutes(120, 1500) } });
    await waitFor(async () => (await outboxRows(api, `recipient_email = $1 AND status = 'SKIPPED'`, [client.email]))[0], {
      what: 'the suppressed reminder',
    });
    expect(mailsTo(smtp, client.email)).toEqual([]);
  });

  it('sends the shared summary when it is published, never the private notes', async () => {
    const { client, session } = await clientWithSessionSoon();
    await api
      .as(coach.token)
      .gql(`mutation($id: ID!) { writePrivateNotes(id: $id, notes: "PRIVATE: thinks about quitting") { id } }`, { id: session.id });
    // The summary is planned at the clock's now: the clock stays there until it has gone out.
    await withClockAt(clock, justAfter(session.startsAt), async () => {
      await api
        .as(coach.token)
        .gql(`mutation($id: ID!) { publishSessionSummary(id: $id, summary: "We agreed you will ask for the raise.") { id } }`, {
          id: session.id,
        });
      await waitFor(() => mailsTo(smtp, client.email).find((m) => /summary/i.test(m.parsed.subject ?? '')), {
        what: 'the summary',
        timeoutMs: 15_000,
      });
    });
    const summary = mailsTo(smtp, client.email).find((m) => /summary/i.test(m.parsed.subject ?? ''))!;
    expect(summary.parsed.text).toContain('We agreed you will ask for the raise.');
    expect(summary.raw).not.toContain('PRIVATE');
  });

  it('sends an invite at once with its one-time link, and keeps no readable link after sending', async () => {
    const client = await aClient(api, coach);
    const invite = await api.as(coach.token).gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: client.id });
    await waitFor(() => mailsTo(smtp, client.email)[0], { what: 'the invite' });
    const [mail] = mailsTo(smtp, client.email);
    expect(mail.parsed.text).toContain(invite.inviteClient.inviteUrl);
    expect(mail.raw).not.toMatch(/^List-Unsubscribe:/m);
    // The row is marked SENT just after the receiver accepts the message.
    const row = await waitFor(
      async () => (await outboxRows(api, `recipient_email = $1 AND kind = 'INVITE' AND status = 'SENT'`, [client.email]))[0],
      {
        what: 'the invite marked sent',
      },
    );
    const [stored] = await api.sql(`SELECT data::text AS data FROM notification WHERE id = $1`, [row.id]);
    expect(stored.data).not.toContain('sealedUrl');
  });
}

describe('emails with the worker running, on the PostgreSQL queue backend', () => withWorker('postgres'));
describeWithRedis('emails with the worker running, on the Redis queue backend', () => withWorker('redis'));

describe('emails driven step by step (no worker: each stage run by the test)', () => {
  let api: TestApi;
  let smtp: SmtpReceiver;
  let coach: OwnerSession;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' } });
    coach = await anOwner(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  async function engagementFor(timeZone: string, startDate = DateTime.now().toISODate()) {
    const client = await aClient(api, coach, { timeZone });
    const engagement = await anEngagement(api, coach, client.id, { startDate });
    return { client, engagement };
  }

  it('plans 48 h and 2 h reminders at the right instants across both New York DST changes', async () => {
    const { engagement } = await engagementFor('America/New_York', '2027-03-01');
    const march = engagement.sessions.find((s) => s.startsAt.startsWith('2027-03-15'))!; // Mon 09:00 EDT, the day after spring-forward
    const rows = await outboxRows(api, `session_id = $1 AND kind = 'SESSION_REMINDER'`, [march.id]);
    expect(rows.map((r) => DateTime.fromJSDate(r.send_at, { zone: 'America/New_York' }).toFormat('ccc dd HH:mm ZZZZ'))).toEqual([
      'Sat 13 08:00 EST', // 48 hours before, on the other side of the change
      'Mon 15 07:00 EDT',
    ]);
    const novemberStart = await engagementFor('America/New_York', '2027-11-01');
    const november = novemberStart.engagement.sessions.find((s) => s.startsAt.startsWith('2027-11-15'))!;
    const novRows = await outboxRows(api, `session_id = $1 AND kind = 'SESSION_REMINDER'`, [november.id]);
    expect(novRows.map((r) => r.send_at.toISOString())).toEqual(['2027-11-13T14:00:00.000Z', '2027-11-15T12:00:00.000Z']);
  });

  it('reschedules after the reminder was queued: only the new time’s reminder arrives, with a higher SEQUENCE', async () => {
    const { client, engagement } = await engagementFor('Europe/London');
    const [first] = engagement.sessions;
    await makeDue(api, `session_id = $1 AND kind = 'SESSION_REMINDER' AND data->>'offsetMinutes' = '2880'`, [first.id]);
    await api.app.get((await import('#tandem/notifications')).NotificationDispatcher).dispatch(); // the old reminder is now QUEUED
    const moved = new Date(new Date(first.startsAt).getTime() + 3 * 86_400_000).toISOString();
    await api
      .as(coach.token)
      .gql(`mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { version } }`, { id: first.id, at: moved });
    await makeDue(api, `session_id = $1 AND kind = 'SESSION_REMINDER' AND session_version = 2 AND data->>'offsetMinutes' = '2880'`, [
      first.id,
    ]);
    const before = mailsTo(smtp, client.email).length;
    await dispatchAndSend(api);
    const rows = await outboxRows(api, `session_id = $1 AND kind = 'SESSION_REMINDER' AND data->>'offsetMinutes' = '2880'`, [first.id]);
    expect(rows.map((r) => [r.session_version, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        [1, 'SKIPPED', 'session rescheduled'],
        [2, 'SENT', null],
      ]),
    );
    const received = mailsTo(smtp, client.email).slice(before);
    expect(received).toHaveLength(1);
    expect(calendarOf(received[0])).toMatchObject({ method: 'REQUEST', sequence: 2, start: new Date(moved) });
  });

  it('cancels: pending reminders stop, and a METHOD:CANCEL withdraws the invite already sent', async () => {
    const { client, engagement } = await engagementFor('Europe/London');
    const [first] = engagement.sessions;
    await makeDue(api, `session_id = $1 AND data->>'offsetMinutes' = '2880'`, [first.id]);
    await dispatchAndSend(api);
    const before = mailsTo(smtp, client.email).length;
    await api.as(coach.token).gql(`mutation($id: ID!) { cancelSession(id: $id) { status } }`, { id: first.id });
    await dispatchAndSend(api);
    const rows = await outboxRows(api, `session_id = $1`, [first.id]);
    expect(rows.filter((r) => r.status === 'PENDING')).toEqual([]);
    expect(rows.find((r) => r.kind === 'SESSION_CANCELLED')).toMatchObject({ status: 'SENT' });
    const [cancellation] = mailsTo(smtp, client.email).slice(before);
    expect(cancellation.parsed.subject).toMatch(/cancel/i);
    const invite = mailsTo(smtp, client.email)
      .slice(0, before)
      .find((m) => calendarOf(m)?.uid.includes(first.id));
    expect(calendarOf(invite!)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    // RFC 5546: a calendar applies a CANCEL only when its SEQUENCE is above the event's.
    expect(calendarOf(cancellation)).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: expect.stringContaining(first.id),
      sequence: 2,
    });
  });

  it('delivers the nudge, the prep email and the summary with their content in both bodies', async () => {
    const { client, engagement } = await engagementFor('Europe/London');
    await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Call the recruiter back', dueDate: DateTime.now().minus({ days: 1 }).toISODate() },
    });
    await api.as(coach.token).gql(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        engagementId: engagement.id,
        title: 'Head of Data by 2028',
        category: 'CAREER',
        horizon: 'THREE_YEARS',
        metric: { name: 'Level', unit: 'grade', baseline: 1, target: 3 },
      },
    });
    await planPeriodic(api);
    await makeDue(api, `client_id = (SELECT id FROM client WHERE email = $1) AND kind IN ('ACCOUNTABILITY_NUDGE', 'SESSION_PREP')`, [
      client.email,
    ]);
    await dispatchAndSend(api);
    const mails = mailsTo(smtp, client.email);
    const nudge = mails.find((m) => /due|overdue/i.test(m.parsed.subject ?? ''))!;
    expect(nudge.parsed.text).toContain('Call the recruiter back');
    expect(nudge.parsed.html).toContain('Call the recruiter back');
    expect(nudge.parsed.text).toMatch(/overdue/);
    const prep = mails.find((m) => /prepare/i.test(m.parsed.subject ?? ''))!;
    expect(prep.parsed.text).toContain('Head of Data by 2028');
    expect(prep.parsed.html).toContain('Call the recruiter back');
    expect(prep.envelopeTo).toEqual([client.email]);
  });

  it('nudges a client with items due, once a day, and not at all once the items are done', async () => {
    const { client, engagement } = await engagementFor('Europe/London');
    const tomorrow = DateTime.now().plus({ days: 1 }).toISODate();
    const item = await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Send the CV to Priya', dueDate: tomorrow },
    });
    await planPeriodic(api);
    await planPeriodic(api);
    const nudges = await outboxRows(api, `client_id = (SELECT id FROM client WHERE email = $1) AND kind = 'ACCOUNTABILITY_NUDGE'`, [
      client.email,
    ]);
    expect(nudges).toHaveLength(1);

    // Completing the last due item withdraws the nudge in the same transaction.
    await api.as(coach.token).gql(`mutation($id: ID!) { completeActionItem(id: $id) { status } }`, { id: item.createActionItem.id });
    const [after] = await outboxRows(api, `id = $1`, [nudges[0].id]);
    expect(after).toMatchObject({ status: 'CANCELLED', reason: 'nothing due' });
    await dispatchAndSend(api);
    expect(mailsTo(smtp, client.email).filter((m) => /due/i.test(m.parsed.subject ?? ''))).toEqual([]);
  });

  it('defers a nudge that falls in the recipient’s quiet hours in Asia/Tokyo to the morning', async () => {
    const { client, engagement } = await engagementFor('Asia/Tokyo');
    await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Draft the pitch', dueDate: DateTime.now().toISODate() },
    });
    const login = await aClientLogin(api, coach, client.id);
    await api
      .as(login.token)
      .gql(`mutation { updateNotificationPreferences(input: { quietHoursStart: "21:00", quietHoursEnd: "08:30" }) { quietHoursStart } }`);
    await planPeriodic(api);
    const [nudge] = await outboxRows(api, `recipient_email = $1 AND kind = 'ACCOUNTABILITY_NUDGE'`, [client.email]);
    await makeDue(api, `id = $1`, [nudge.id]);
    const lateEvening = DateTime.now().setZone('Asia/Tokyo').set({ hour: 23, minute: 15 }).toJSDate();
    const outcomes = await dispatchAndSend(api, lateEvening);
    expect(outcomes[nudge.id]).toBe('deferred');
    const [deferred] = await outboxRows(api, `id = $1`, [nudge.id]);
    expect(deferred.status).toBe('PENDING');
    expect(DateTime.fromJSDate(deferred.send_at, { zone: 'Asia/Tokyo' }).toFormat('HH:mm')).toBe('08:30');
    expect(deferred.send_at.getTime()).toBeGreaterThan(lateEvening.getTime());
  });

  it('skips a queued email once the recipient has unsubscribed from its kind, and records why', async () => {
    const { client, engagement } = await engagementFor('Europe/London');
    const login = await aClientLogin(api, coach, client.id);
    await makeDue(api, `session_id = $1 AND kind = 'SESSION_REMINDER'`, [engagement.sessions[0].id]);
    await api.app.get((await import('#tandem/notifications')).NotificationDispatcher).dispatch();
    await api
      .as(login.token)
      .gql(`mutation { updateNotificationPreferences(input: { disabledKinds: [SESSION_REMINDER] }) { disabledKinds } }`);
    // Later reminders still pending are withdrawn at once.
    const pending = await outboxRows(api, `recipient_email = $1 AND kind = 'SESSION_REMINDER' AND status = 'CANCELLED'`, [client.email]);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.reason === 'recipient unsubscribed')).toBe(true);
    await dispatchAndSend(api);
    const rows = await outboxRows(api, `session_id = $1 AND kind = 'SESSION_REMINDER' AND status <> 'PENDING'`, [
      engagement.sessions[0].id,
    ]);
    // Both the 48 h and the 2 h reminder.
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ['SKIPPED', 'recipient turned off session reminder emails'],
      ['SKIPPED', 'recipient turned off session reminder emails'],
    ]);
  });

  it('sends the coach a weekly digest of this week’s sessions, overdue items and engagements with nothing planned', async () => {
    const { engagement } = await engagementFor('Europe/London');
    await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Overdue thing', dueDate: DateTime.now().minus({ days: 3 }).toISODate() },
    });
    await planPeriodic(api);
    const [me] = await api.sql<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [coach.userId]);
    await makeDue(api, `kind = 'COACH_DIGEST' AND recipient_email = $1`, [me.email]);
    await dispatchAndSend(api);
    const [digest] = mailsTo(smtp, me.email).filter((m) => /week/i.test(m.parsed.subject ?? ''));
    expect(digest).toBeDefined();
    expect(digest.parsed.text).toMatch(/overdue/i);
  });
});
