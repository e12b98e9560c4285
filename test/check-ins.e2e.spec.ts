import { DateTime } from 'luxon';
import { signCheckInToken } from '#tandem/notifications';
import { ShiftedClock } from './support/clock.js';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { dispatchAndSend, makeDue, outboxRows, planPeriodic } from './support/notifications.js';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';

const ZONE = 'America/Los_Angeles';
const QUARTERLY = { frequency: 'QUARTERLY', anchor: 'DAY_OF_MONTH', day: 10, localTime: '09:00' };
const RESCHEDULE = `mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { id version } }`;
const CHECK_INS = `query($id: ID!) { checkIns(clientId: $id, first: 10) {
  edges { node { answer note dueDate engagementId afterSessionId answeredAt } } pageInfo { hasNextPage } } }`;

const mailsTo = (smtp: SmtpReceiver, email: string) => smtp.messages.filter((m) => m.envelopeTo.includes(email.toLowerCase()));
/** The answer links of a check-in email, by their text. */
function answerLinks(mail: ReceivedMail): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of String(mail.parsed.html).matchAll(/<a href="([^"]+)"[^>]*>(On track|Stuck|Need help)<\/a>/g)) {
    links[match[2]] = match[1].replace(/&amp;/g, '&');
  }
  return links;
}
/** Independent of the planner: 09:00 on the local date of the instant halfway between two sessions. */
function expectedMidpoint(a: string, b: string, zone: string) {
  const midpoint = DateTime.fromMillis((new Date(a).getTime() + new Date(b).getTime()) / 2, { zone });
  return { dueDate: midpoint.toISODate(), sendAt: midpoint.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate() };
}

describe('mid-cycle check-ins', () => {
  const clock = new ShiftedClock();
  let api: TestApi;
  let smtp: SmtpReceiver;
  let owner: OwnerSession;
  let coach: Session;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' }, clock });
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  async function quarterlyClient() {
    const client = await aClient(api, coach, { timeZone: ZONE });
    const engagement = await anEngagement(api, coach, client.id, { cadence: QUARTERLY });
    const sessions = [...engagement.sessions].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
    return { client, engagement, sessions };
  }
  const checkInRows = (engagementId: string) =>
    outboxRows(api, `kind = 'MID_CYCLE_CHECK_IN' AND data->>'engagementId' = $1`, [engagementId]);

  it('plans a quarterly engagement’s check-in at 09:00 on the midpoint’s date in the client’s zone, one per gap', async () => {
    const { client, engagement, sessions } = await quarterlyClient();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const rows = await checkInRows(engagement.id);
    expect(rows).toHaveLength(sessions.length - 1);
    const expected = expectedMidpoint(sessions[0].startsAt, sessions[1].startsAt, ZONE);
    const first = rows.find((row: any) => row.data.afterSessionId === sessions[0].id) as any;
    expect(first).toMatchObject({ status: 'PENDING', recipient_email: client.email, recipient_time_zone: ZONE });
    expect(new Date(first.send_at).toISOString()).toBe(expected.sendAt.toISOString());
    expect(DateTime.fromJSDate(new Date(first.send_at), { zone: ZONE }).toFormat('HH:mm')).toBe('09:00');
    expect(first.data).toMatchObject({ nextSessionId: sessions[1].id, dueDate: expected.dueDate });
  });

  it('plans nothing for sessions three weeks apart or less; a longer gap gets one', async () => {
    const client = await aClient(api, coach, { timeZone: ZONE });
    const engagement = await anEngagement(api, coach, client.id, { cadence: { frequency: 'AD_HOC', day: 1, localTime: '09:00' } });
    const schedule = (startsAt: Date) =>
      api.as(coach.token).gql(`mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, {
        input: { engagementId: engagement.id, startsAt: startsAt.toISOString() },
      });
    const first = new Date(Date.now() + 10 * 86_400_000);
    await schedule(first);
    await schedule(new Date(first.getTime() + 21 * 86_400_000));
    expect(await checkInRows(engagement.id)).toEqual([]);
    await schedule(new Date(first.getTime() + 56 * 86_400_000));
    expect((await checkInRows(engagement.id)).map((row) => row.status)).toEqual(['PENDING']);
  });

  it('re-plans on reschedule: the stale check-in is cancelled and the new midpoint planned', async () => {
    const { engagement, sessions } = await quarterlyClient();
    const [before] = (await checkInRows(engagement.id)).filter((row: any) => row.data.afterSessionId === sessions[0].id);
    const movedTo = new Date(new Date(sessions[1].startsAt).getTime() + 14 * 86_400_000).toISOString();
    await api.as(coach.token).gql(RESCHEDULE, { id: sessions[1].id, at: movedTo });

    const rows = (await checkInRows(engagement.id)).filter((row: any) => row.data.afterSessionId === sessions[0].id);
    expect(rows.find((row) => row.id === before.id)).toMatchObject({ status: 'CANCELLED' });
    const pending = rows.filter((row) => row.status === 'PENDING');
    expect(pending).toHaveLength(1);
    expect(new Date(pending[0].send_at).toISOString()).toBe(expectedMidpoint(sessions[0].startsAt, movedTo, ZONE).sendAt.toISOString());
    // The gap after the moved session got its own new midpoint too; nothing stale stays pending.
    const after = (await checkInRows(engagement.id)).filter((row: any) => row.data.afterSessionId === sessions[1].id);
    expect(after.filter((row) => row.status === 'PENDING')).toHaveLength(sessions.length > 2 ? 1 : 0);

    // Cancelling the later session closes the gap: no check-in is left for it.
    await api.as(coach.token).gql(`mutation($id: ID!) { cancelSession(id: $id) { id } }`, { id: sessions[1].id });
    const left = (await checkInRows(engagement.id)).filter((row: any) => row.data.nextSessionId === sessions[1].id);
    expect(left.every((row) => row.status === 'CANCELLED')).toBe(true);
  });

  it('pages check-ins exactly, newest first, in the same statements for any page size; latestCheckIn adds one statement to a roster page', async () => {
    const { client, engagement, sessions } = await quarterlyClient();
    for (const [index, session] of sessions.slice(0, 3).entries()) {
      await api.sql(
        `INSERT INTO check_in (practice_id, client_id, engagement_id, after_session_id, due_date, answer, answered_at)
         SELECT practice_id, client_id, id, $2, '2027-01-01', $3, now() - make_interval(days => $4) FROM engagement WHERE id = $1`,
        [engagement.id, session.id, ['ON_TRACK', 'STUCK', 'NEED_HELP'][index], 10 - index],
      );
    }
    const PAGE = `query($id: ID!, $first: Int!, $after: String) { checkIns(clientId: $id, first: $first, after: $after) {
      edges { node { answer } } pageInfo { hasNextPage endCursor } } }`;
    const first = await api.as(coach.token).raw(PAGE, { id: client.id, first: 2 });
    const page1 = (first.body.data as any).checkIns;
    expect(page1.edges.map((e: any) => e.node.answer)).toEqual(['NEED_HELP', 'STUCK']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await api.as(coach.token).gql(PAGE, { id: client.id, first: 2, after: page1.pageInfo.endCursor })).checkIns;
    expect(page2.edges.map((e: any) => e.node.answer)).toEqual(['ON_TRACK']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(await api.as(coach.token).errorCode(PAGE, { id: client.id, first: 2, after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
    const all = await api.as(coach.token).raw(PAGE, { id: client.id, first: 100 });
    expect(all.headers.get('x-sql-statements')).toBe(first.headers.get('x-sql-statements'));

    const bare = await api.as(coach.token).raw(`{ clients(first: 100) { edges { node { id } } } }`);
    const withLatest = await api.as(coach.token).raw(`{ clients(first: 100) { edges { node { id latestCheckIn { answer } } } } }`);
    expect(withLatest.body.errors).toBeUndefined();
    expect((withLatest.body.data as any).clients.edges.length).toBeGreaterThan(3);
    expect(Number(withLatest.headers.get('x-sql-statements'))).toBe(Number(bare.headers.get('x-sql-statements')) + 1);
    const latest = (withLatest.body.data as any).clients.edges.find((e: any) => e.node.id === client.id).node.latestCheckIn;
    expect(latest).toEqual({ answer: 'NEED_HELP' });
  });

  it('a coach who turned "need help" alerts off gets none; the answer is still recorded', async () => {
    const quietCoach = await aCoach(api, owner, 'Quinn Quiet');
    await api
      .as(quietCoach.token)
      .gql(`mutation { updateNotificationPreferences(input: { disabledKinds: [CHECK_IN_NEEDS_HELP] }) { disabledKinds } }`);
    const client = await aClient(api, quietCoach, { timeZone: ZONE });
    const engagement = await anEngagement(api, quietCoach, client.id, { cadence: QUARTERLY });
    const [row] = (await checkInRows(engagement.id)) as any[];
    const token = signCheckInToken(
      {
        practiceId: row.practice_id,
        engagementId: engagement.id,
        afterSessionId: row.data.afterSessionId,
        dueDate: row.data.dueDate,
        answer: 'NEED_HELP',
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      api.runtime.config.jwtSecret,
    );
    const answered = await fetch(`${api.http.baseUrl}/check-in?token=${token}`, { method: 'POST' });
    expect(answered.status).toBe(200);
    await dispatchAndSend(api);
    const [alert] = await outboxRows(api, `kind = 'CHECK_IN_NEEDS_HELP' AND client_id = $1`, [client.id]);
    expect(alert).toMatchObject({ status: 'SKIPPED', reason: expect.stringMatching(/turned off check in needs help/) });
  });

  describe('answered by one click', () => {
    let client: { id: string; email: string; name: string };
    let engagementId: string;
    let links: Record<string, string>;
    let mail: ReceivedMail;

    beforeAll(async () => {
      const made = await quarterlyClient();
      client = made.client;
      engagementId = made.engagement.id;
      await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { engagementId, title: 'Call <three> recruiters' },
      });
      await makeDue(api, `kind = 'MID_CYCLE_CHECK_IN' AND data->>'afterSessionId' = $1`, [made.sessions[0].id]);
      await dispatchAndSend(api);
      [mail] = mailsTo(smtp, client.email).filter((m) => /halfway/i.test(m.parsed.subject ?? ''));
      links = answerLinks(mail);
    });

    it('emails the client their open items and three signed answer links', () => {
      expect(mail).toBeDefined();
      expect(Object.keys(links).sort()).toEqual(['Need help', 'On track', 'Stuck']);
      for (const url of Object.values(links)) expect(url).toMatch(/^https:\/\/tandem\.test\/check-in\?token=[\w.-]+$/);
      expect(mail.parsed.text).toContain('Call <three> recruiters');
      expect(mail.parsed.html).not.toContain('<three>');
      expect(mail.raw).toMatch(/^List-Unsubscribe:/m);
    });

    it('a GET shows a confirmation with a labelled note field and records nothing; POST twice records one answer', async () => {
      const local = (url: string) => url.replace('https://tandem.test', api.http.baseUrl);
      const page = await fetch(local(links['Need help']));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Need help');
      expect(html).toMatch(/<label for="note">/);
      expect(await api.sql(`SELECT 1 FROM check_in WHERE engagement_id = $1`, [engagementId])).toHaveLength(0);

      const post = (url: string, note: string) =>
        fetch(local(url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ note }).toString(),
        });
      const first = await post(links['Need help'], 'The <b>offer</b> fell through');
      expect(first.status).toBe(200);
      expect(await first.text()).toContain('your check-in is recorded');
      const again = await post(links['Need help'], 'again');
      expect(await again.text()).toContain('already recorded');
      const other = await post(links['On track'], 'changed my mind');
      expect(await other.text()).toContain('already recorded');

      const rows = await api.sql(`SELECT answer, note FROM check_in WHERE engagement_id = $1`, [engagementId]);
      expect(rows).toEqual([{ answer: 'NEED_HELP', note: 'The <b>offer</b> fell through' }]);
    });

    it('"Need help" reaches the coach by email at once, exactly once', async () => {
      const alerts = await outboxRows(api, `kind = 'CHECK_IN_NEEDS_HELP' AND client_id = $1`, [client.id]);
      expect(alerts).toHaveLength(1);
      await dispatchAndSend(api);
      const [{ email: coachEmail }] = await api.sql<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [coach.userId]);
      const [alert] = mailsTo(smtp, coachEmail).filter((m) => /asked for help/.test(m.parsed.subject ?? ''));
      expect(alert.parsed.subject).toBe(`${client.name} asked for help`);
      expect(alert.parsed.text).toContain('The <b>offer</b> fell through');
      expect(alert.parsed.html).not.toContain('<b>offer</b>');
      expect(alert.parsed.text).toContain(`https://tandem.test/clients/${client.id}`);
    });

    it('appears in the coach’s weekly digest with its note', async () => {
      await planPeriodic(api);
      const [{ email: coachEmail }] = await api.sql<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [coach.userId]);
      await makeDue(api, `kind = 'COACH_DIGEST' AND lower(recipient_email) = lower($1)`, [coachEmail]);
      await dispatchAndSend(api);
      const [digest] = mailsTo(smtp, coachEmail).filter((m) => /Your week of/.test(m.parsed.subject ?? ''));
      expect(digest.parsed.text).toContain('Check-in answers');
      expect(digest.parsed.text).toMatch(new RegExp(`${client.name}: Need help \\([^)]+\\) – The <b>offer</b> fell through`));
    });

    it('the answer is visible to the coach and the client, NOT_FOUND to another coach and absent from the sponsor report', async () => {
      const seen = await api.as(coach.token).gql(CHECK_INS, { id: client.id });
      expect(seen.checkIns.edges.map((e: any) => e.node)).toEqual([
        expect.objectContaining({ answer: 'NEED_HELP', note: 'The <b>offer</b> fell through', engagementId }),
      ]);
      const latest = await api.as(coach.token).gql(`query($id: ID!) { client(id: $id) { latestCheckIn { answer } } }`, { id: client.id });
      expect(latest.client.latestCheckIn).toEqual({ answer: 'NEED_HELP' });

      const clientLogin = await aClientLogin(api, coach, client.id);
      expect((await api.as(clientLogin.token).gql(CHECK_INS, { id: client.id })).checkIns.edges).toHaveLength(1);

      const otherCoach = await aCoach(api, owner, 'Olga Other');
      expect(await api.as(otherCoach.token).errorCode(CHECK_INS, { id: client.id })).toBe('NOT_FOUND');
      const otherClient = await aClient(api, coach);
      const otherLogin = await aClientLogin(api, coach, otherClient.id);
      expect(await api.as(otherLogin.token).errorCode(CHECK_INS, { id: client.id })).toBe('NOT_FOUND');

      const report = await api
        .as(coach.token)
        .raw(`query($id: ID!) { sponsorReport(engagementId: $id) { title clientName goals { title progress } } }`, { id: engagementId });
      expect(JSON.stringify(report.body)).not.toMatch(/offer|NEED_HELP|check/i);
    });

    it('refuses a forged, re-signed or expired link without recording anything', async () => {
      const token = new URL(links['Stuck']).searchParams.get('token')!;
      const [payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forgedPayload = Buffer.from(JSON.stringify({ ...claims, a: 'ON_TRACK' })).toString('base64url');
      const secret = api.runtime.config.jwtSecret;
      const expired = signCheckInToken(
        {
          practiceId: String(claims.p),
          engagementId: String(claims.e),
          afterSessionId: String(claims.s),
          dueDate: String(claims.d),
          answer: 'STUCK',
          expiresAt: new Date(Date.now() - 1000),
        },
        secret,
      );
      const wrongSecret = signCheckInToken(
        {
          practiceId: String(claims.p),
          engagementId: String(claims.e),
          afterSessionId: String(claims.s),
          dueDate: String(claims.d),
          answer: 'STUCK',
          expiresAt: new Date(Date.now() + 86_400_000),
        },
        'not-the-secret',
      );
      for (const bad of [`${forgedPayload}.${signature}`, expired, wrongSecret, 'nonsense']) {
        const url = `${api.http.baseUrl}/check-in?token=${encodeURIComponent(bad)}`;
        expect((await fetch(url)).status).toBe(400);
        const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'note=x' });
        expect(post.status).toBe(400);
        expect(await post.text()).toContain('This link does not work');
      }
      expect(await api.sql(`SELECT answer FROM check_in WHERE engagement_id = $1`, [engagementId])).toEqual([{ answer: 'NEED_HELP' }]);
    });
  });
});
