import nodemailer from 'nodemailer';
import { signReplyToken } from '#tandem/notifications';
import { ShiftedClock } from './support/clock.js';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { freePort } from './support/free-port.js';
import { outboxRows } from './support/notifications.js';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';
import { waitFor } from './support/wait-for.js';

const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body source createdAt author { id } } }`;
const MESSAGES = `query($engagementId: ID!, $first: Int, $after: String) {
  messages(engagementId: $engagementId, first: $first, after: $after) {
    edges { node { id body source author { id role } } } pageInfo { hasNextPage endCursor } } }`;
const MARK_READ = `mutation($engagementId: ID!) { markMessagesRead(engagementId: $engagementId) { id unreadMessageCount } }`;
const COUNTS = `query($clientId: ID!, $engagementId: ID!) {
  unreadMessageCount
  client(id: $clientId) { unreadMessageCount }
  engagement(id: $engagementId) { unreadMessageCount } }`;
const ROSTER = `{ clients(first: 50) { edges { node { id unreadMessageCount unreadCommentCount } } } }`;
const REPLY_DOMAIN = 'reply.tandem.test';
const MINUTE = 60_000;

describe('messages: one conversation per engagement, emailed batched, answered by email', () => {
  const clock = new ShiftedClock();
  let api: TestApi;
  let smtp: SmtpReceiver;
  let inboundPort: number;
  let owner: OwnerSession;
  let coach: Session;
  let coachEmail: string;

  /** Moves the clock ahead (never back), so what is planned for then is due. */
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const mailsTo = (email: string) => smtp.messages.filter((m) => m.envelopeTo.includes(email.toLowerCase()));
  const replyToOf = (mail: ReceivedMail) => (mail.parsed.replyTo?.value[0]?.address ?? '').toLowerCase();

  /** Sends an email to the inbound receiver over SMTP; resolves with the SMTP answer, or rejects with the refusal's code. */
  async function sendToInbound(to: string, text: string, from = 'someone@example.com'): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from, to, subject: 'Re: New message', text });
    } finally {
      transport.close();
    }
  }
  const refusalCode = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: { responseCode?: number }) => error.responseCode,
    );

  /** A client with a login and an active engagement on the coach's roster. */
  async function aConversation(by: Session = coach) {
    const client = await aClient(api, by);
    const login = await aClientLogin(api, by, client.id);
    const engagement = await anEngagement(api, by, client.id);
    return { client, login, engagementId: engagement.id };
  }

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    inboundPort = await freePort();
    api = await TestApi.start({
      env: {
        SMTP_URL: smtp.url,
        APP_URL: 'https://tandem.test',
        INBOUND_SMTP_PORT: String(inboundPort),
        INBOUND_MAIL_DOMAIN: REPLY_DOMAIN,
      },
      runWorker: true,
      clock,
    });
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    [{ email: coachEmail }] = await api.sql<{ email: string }>('SELECT email FROM app_user WHERE id = $1', [coach.userId]);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  it('round trip: a client writes in the portal, the coach is emailed, replies by email, and the reply is in the thread', async () => {
    const { client, login, engagementId } = await aConversation();
    const body = 'Hi! <script>alert("x")</script> I got the <b>offer</b>.';
    const sent = await api.as(login.token).gql(SEND, { input: { engagementId, body: `  ${body}\n` } });
    expect(sent.sendMessage).toMatchObject({ body, source: 'WEB', author: { id: login.userId } });

    // Unread for the coach (roster row, client, engagement, navigation), never for its author.
    expect(await api.as(coach.token).gql(COUNTS, { clientId: client.id, engagementId })).toEqual({
      unreadMessageCount: 1,
      client: { unreadMessageCount: 1 },
      engagement: { unreadMessageCount: 1 },
    });
    const roster = await api.as(coach.token).gql(ROSTER);
    expect(roster.clients.edges.find((e: any) => e.node.id === client.id).node.unreadMessageCount).toBe(1);
    expect((await api.as(login.token).gql(COUNTS, { clientId: client.id, engagementId })).unreadMessageCount).toBe(0);

    // Planned at once, sent after the gathering delay.
    const [planned] = await outboxRows(api, `kind = 'NEW_MESSAGES' AND data->>'engagementId' = $1`, [engagementId]);
    expect(planned).toMatchObject({ status: 'PENDING', recipient_email: coachEmail });
    advance(3 * MINUTE);
    const mail = await waitFor(() => mailsTo(coachEmail).find((m) => m.parsed.text?.includes('offer')), {
      what: 'the new-message email',
      timeoutMs: 15_000,
    });
    expect(mail.parsed.subject).toBe('New message from ' + (await api.sql(`SELECT name FROM client WHERE id = $1`, [client.id]))[0].name);
    expect(mail.parsed.html).not.toContain('<script>');
    expect(mail.parsed.html).toContain('&#60;script&#62;');
    expect(mail.parsed.text).toContain(`https://tandem.test/clients/${client.id}/messages`);
    const replyTo = replyToOf(mail);
    expect(replyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]+@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));

    // The coach answers from their mail program: the quote and signature are left out.
    await sendToInbound(
      replyTo,
      'Congratulations! Let us talk it through on Tuesday.\n\n-- \nColin\n\nOn Tue, 8 Dec 2026 at 10:14, Tandem <no-reply@tandem.localhost> wrote:\n> Hi! I got the offer.\n',
      coachEmail,
    );
    const thread = await api.as(login.token).gql(MESSAGES, { engagementId, first: 10 });
    expect(thread.messages.edges.map((e: any) => e.node)).toEqual([
      {
        id: expect.any(String),
        body: 'Congratulations! Let us talk it through on Tuesday.',
        source: 'EMAIL',
        author: { id: coach.userId, role: 'COACH' },
      },
      { id: sent.sendMessage.id, body, source: 'WEB', author: { id: login.userId, role: 'CLIENT' } },
    ]);
    // Writing read the thread for the coach; the client has one unread.
    expect((await api.as(coach.token).gql(COUNTS, { clientId: client.id, engagementId })).engagement.unreadMessageCount).toBe(0);
    expect((await api.as(login.token).gql(COUNTS, { clientId: client.id, engagementId })).unreadMessageCount).toBe(1);
    expect((await api.as(login.token).gql(MARK_READ, { engagementId })).markMessagesRead.unreadMessageCount).toBe(0);
  });

  it('refuses forged, expired and unknown reply addresses at RCPT, and a reply with no text of its own', async () => {
    const { login, engagementId } = await aConversation();
    const secret = api.runtime.config.jwtSecret;
    const valid = signReplyToken({ userId: login.userId, engagementId, expiresAt: new Date(Date.now() + 86_400_000) }, secret);
    const forged = signReplyToken({ userId: login.userId, engagementId, expiresAt: new Date(Date.now() + 86_400_000) }, 'x'.repeat(40));
    const tampered = valid.slice(0, 10) + (valid[10] === 'a' ? 'b' : 'a') + valid.slice(11);
    const expired = signReplyToken({ userId: login.userId, engagementId, expiresAt: new Date(clock.now().getTime() - 1000) }, secret);
    const before = await api.sql('SELECT count(*)::int AS n FROM message');

    expect(await refusalCode(sendToInbound(`reply+${forged}@${REPLY_DOMAIN}`, 'Hello'))).toBe(550);
    expect(await refusalCode(sendToInbound(`reply+${tampered}@${REPLY_DOMAIN}`, 'Hello'))).toBe(550);
    expect(await refusalCode(sendToInbound(`reply+${expired}@${REPLY_DOMAIN}`, 'Hello'))).toBe(550);
    expect(await refusalCode(sendToInbound(`reply+${valid}@elsewhere.test`, 'Hello'))).toBe(550);
    expect(await refusalCode(sendToInbound(`someone@${REPLY_DOMAIN}`, 'Hello'))).toBe(550);
    expect(await refusalCode(sendToInbound(`reply+${valid}@${REPLY_DOMAIN}`, '\n\nOn Mon, Colin wrote:\n> Hi'))).toBe(550);
    expect(await api.sql('SELECT count(*)::int AS n FROM message')).toEqual(before);

    // The valid address (upper-cased, as some mail systems do) is accepted and posts as the client.
    await sendToInbound(`reply+${valid.toUpperCase()}@${REPLY_DOMAIN}`, 'Yes, Tuesday works.');
    const thread = await api.as(coach.token).gql(MESSAGES, { engagementId, first: 5 });
    expect(thread.messages.edges.map((e: any) => [e.node.body, e.node.source, e.node.author.id])).toEqual([
      ['Yes, Tuesday works.', 'EMAIL', login.userId],
    ]);
  });

  it('batches: five messages in a minute are one email, and the next waits for the 15-minute window', async () => {
    const { login, engagementId } = await aConversation();
    for (let n = 1; n <= 5; n++)
      await api.as(login.token).gql(SEND, { input: { engagementId, body: `Batch note ${n} of ${engagementId}` } });
    const rowsOf = () => outboxRows(api, `kind = 'NEW_MESSAGES' AND data->>'engagementId' = $1`, [engagementId]);
    expect((await rowsOf()).map((r) => r.status)).toEqual(['PENDING']);
    advance(3 * MINUTE);
    const mail = await waitFor(() => mailsTo(coachEmail).find((m) => m.parsed.text?.includes(`Batch note 5 of ${engagementId}`)), {
      what: 'the batched email',
      timeoutMs: 15_000,
    });
    for (let n = 1; n <= 5; n++) expect(mail.parsed.text).toContain(`Batch note ${n} of ${engagementId}`);
    expect(mail.parsed.subject).toMatch(/^5 new messages from /);
    await waitFor(async () => ((await rowsOf())[0].status === 'SENT' ? true : undefined), { what: 'SENT recorded' });

    // A sixth, a minute later: planned for a window after the email that went out, not sent now.
    advance(MINUTE);
    await api.as(login.token).gql(SEND, { input: { engagementId, body: `Batch note 6 of ${engagementId}` } });
    const rows = await rowsOf();
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'PENDING']);
    const [sentRow] = await api.sql<{ sent_at: Date }>(`SELECT sent_at FROM notification WHERE id = $1`, [rows[0].id]);
    expect(new Date(rows[1].send_at).getTime()).toBeGreaterThanOrEqual(new Date(sentRow.sent_at).getTime() + 15 * MINUTE - 1000);
    expect(mailsTo(coachEmail).filter((m) => m.parsed.text?.includes(`of ${engagementId}`))).toHaveLength(1);
  });

  it('skips the email when the messages were read in the app meanwhile, or the kind is turned off', async () => {
    const read = await aConversation();
    await api.as(read.login.token).gql(SEND, { input: { engagementId: read.engagementId, body: 'Read before the email' } });
    await api.as(coach.token).gql(MARK_READ, { engagementId: read.engagementId });

    const off = await aConversation();
    await api
      .as(off.login.token)
      .gql(`mutation { updateNotificationPreferences(input: { disabledKinds: [NEW_MESSAGES] }) { disabledKinds } }`);
    await api.as(coach.token).gql(SEND, { input: { engagementId: off.engagementId, body: 'Turned off' } });

    advance(3 * MINUTE);
    const statusOf = async (engagementId: string) =>
      (await outboxRows(api, `kind = 'NEW_MESSAGES' AND data->>'engagementId' = $1`, [engagementId]))[0];
    const skipped = await waitFor(
      async () => ((await statusOf(read.engagementId)).status === 'SKIPPED' ? statusOf(read.engagementId) : undefined),
      {
        what: 'the read email skipped',
        timeoutMs: 15_000,
      },
    );
    expect(skipped.reason).toBe('messages already read');
    const turnedOff = await waitFor(
      async () => ((await statusOf(off.engagementId)).status === 'SKIPPED' ? statusOf(off.engagementId) : undefined),
      {
        what: 'the turned-off email skipped',
        timeoutMs: 15_000,
      },
    );
    expect(turnedOff.reason).toMatch(/turned off new messages/);
  });

  it('honours quiet hours: an email planned inside them waits for their end', async () => {
    const quietCoach = await aCoach(api, owner, 'Quiet Coach');
    const { login, engagementId } = await aConversation(quietCoach);
    const local = (offsetHours: number) =>
      new Date(clock.now().getTime() + offsetHours * 3_600_000).toLocaleTimeString('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    await api
      .as(quietCoach.token)
      .gql(`mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { quietHoursStart } }`, {
        input: { quietHoursStart: local(-1), quietHoursEnd: local(2) },
      });
    await api.as(login.token).gql(SEND, { input: { engagementId, body: 'Late-night question' } });
    const [row] = await api.sql<{ send_at: Date; planned_send_at: Date | null; reason: string | null }>(
      `SELECT send_at, planned_send_at, reason FROM notification WHERE kind = 'NEW_MESSAGES' AND data->>'engagementId' = $1`,
      [engagementId],
    );
    expect(row.reason).toBe('deferred to the end of quiet hours');
    expect(row.planned_send_at).not.toBeNull();
    expect(new Date(row.send_at).getTime()).toBeGreaterThan(clock.now().getTime() + 90 * MINUTE);
  });

  it('tenancy: another client, another coach and another practice get NOT_FOUND; an owner reads but does not write', async () => {
    const { engagementId } = await aConversation();
    await api.as(coach.token).gql(SEND, { input: { engagementId, body: 'Private to us' } });
    const otherClient = (await aConversation()).login;
    const otherCoach = await aCoach(api, owner, 'Other Coach');
    const otherPractice = await anOwner(api);
    for (const who of [otherClient, otherCoach, otherPractice]) {
      expect(await api.as(who.token).errorCode(MESSAGES, { engagementId })).toBe('NOT_FOUND');
      expect(await api.as(who.token).errorCode(SEND, { input: { engagementId, body: 'Hi' } })).toBe('NOT_FOUND');
      expect(await api.as(who.token).errorCode(MARK_READ, { engagementId })).toBe('NOT_FOUND');
    }
    const asOwner = await api.as(owner.token).gql(MESSAGES, { engagementId });
    expect(asOwner.messages.edges.map((e: any) => e.node.body)).toEqual(['Private to us']);
    expect(await api.as(owner.token).errorCode(SEND, { input: { engagementId, body: 'Owner here' } })).toBe('FORBIDDEN');
  });

  it('a sponsor report says nothing of the conversation', async () => {
    const client = await aClient(api, coach);
    const login = await aClientLogin(api, coach, client.id);
    const sponsor = await api
      .as(coach.token)
      .gql(`mutation { createSponsor(input: { organisation: "Acme", contactName: "Hana HR", contactEmail: "hr@acme.test" }) { id } }`);
    const { id: engagementId } = await anEngagement(api, coach, client.id, { sponsorId: sponsor.createSponsor.id });
    await api.as(login.token).gql(SEND, { input: { engagementId, body: 'I am interviewing at a competitor' } });
    const { body } = await api
      .as(coach.token)
      .raw(`query($engagementId: ID!) { sponsorReport(engagementId: $engagementId) { engagementId title clientName goals { title } } }`, {
        engagementId,
      });
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/competitor|interviewing/);
  });

  it('refuses empty, white-space-only and over-long messages, writing nothing', async () => {
    const { login, engagementId } = await aConversation();
    for (const body of ['', '   \n\t ', 'x'.repeat(10_001), 'x'.repeat(20_000)]) {
      const { body: answer } = await api.as(login.token).raw(SEND, { input: { engagementId, body } });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(answer.errors?.[0]?.message).toMatch(/body/);
    }
    expect(await api.sql('SELECT count(*)::int AS n FROM message WHERE engagement_id = $1', [engagementId])).toEqual([{ n: 0 }]);
    const longest = await api.as(login.token).gql(SEND, { input: { engagementId, body: 'y'.repeat(10_000) } });
    expect(longest.sendMessage.body).toHaveLength(10_000);
  });

  it('pages the conversation newest first, exactly, and counts unread on the roster in one statement for 3 or 12 clients', async () => {
    const { login, engagementId } = await aConversation();
    for (let n = 1; n <= 7; n++) await api.as(login.token).gql(SEND, { input: { engagementId, body: `Page ${n}` } });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await api.as(coach.token).gql(MESSAGES, { engagementId, first: 3, ...(after ? { after } : {}) });
      seen.push(...page.messages.edges.map((e: any) => e.node.body));
      if (!page.messages.pageInfo.hasNextPage) break;
      after = page.messages.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Page 7', 'Page 6', 'Page 5', 'Page 4', 'Page 3', 'Page 2', 'Page 1']);

    const statements = async (first: number) => {
      const response = await api
        .as(coach.token)
        .raw(`query($first: Int!) { clients(first: $first) { edges { node { id unreadMessageCount } } } }`, { first });
      expect(response.body.errors).toBeUndefined();
      return Number(response.headers.get('x-sql-statements'));
    };
    for (let n = 0; n < 12; n++) await aClient(api, coach);
    expect(await statements(3)).toBe(1);
    expect(await statements(12)).toBe(1);
  });
});
