import { AccountRequests } from '#tandem/coaching';
import { NotificationSender } from '#tandem/notifications';
import { PASSWORD, aCoach, anOwner } from './support/factories.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) }`;
const CONFIRM = `mutation($token: String!) { confirmSignUp(token: $token) { accessToken user { email role name timeZone } } }`;
const RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const INVITE_COACH = `mutation($input: InviteCoachInput!) { inviteCoach(input: $input) { inviteUrl expiresAt } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken user { email role name timeZone } } }`;

const signUpInput = (email: string) => ({
  practiceName: 'Northstar Careers',
  name: 'Nora North',
  email,
  password: 'a long enough password',
  timeZone: 'America/Chicago',
});

/**
 * Sign-up, password reset and coach invites answer the same, after the same statements,
 * whether the address has an account; only the email its owner receives differs. Sign-up and
 * reset requests are rows the worker answers (AccountRequests), so the request path does not
 * even look the address up. Timings are measured by `npm run bench -- --only auth`; here the
 * statement counts (X-Sql-Statements) and the rows written stand for them.
 */
describe('no account enumeration', () => {
  let api: TestApi;
  let smtp: SmtpReceiver;
  let requests: AccountRequests;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    // No worker in the app: the tests answer requests when they choose, to see the request path alone.
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' } });
    requests = api.app.get(AccountRequests);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  async function emailsTo(email: string): Promise<Array<{ kind: string; data: Record<string, unknown> }>> {
    return api.sql(`SELECT kind, data FROM notification WHERE lower(recipient_email) = lower($1) ORDER BY created_at`, [email]);
  }

  it('answers a sign-up the same for a free and a taken address; the free one gets a link that opens the practice, the taken one a note to its owner', async () => {
    await anOwner(api, { email: 'taken-owner@example.com' });
    const free = await api.anonymous().raw(SIGN_UP, { input: signUpInput('free-owner@example.com') });
    const taken = await api.anonymous().raw(SIGN_UP, { input: signUpInput('taken-owner@example.com') });
    expect(taken.body).toEqual(free.body);
    expect(free.body).toEqual({ data: { signUp: true } });
    expect(taken.status).toBe(free.status);
    expect(taken.headers.get('x-sql-statements')).toBe(free.headers.get('x-sql-statements'));
    const practicesBefore = await api.sql(`SELECT count(*)::int AS n FROM practice`);

    expect(await requests.answerPending()).toBe(2);
    expect(await requests.answerPending()).toBe(0);
    const takenEmails = await emailsTo('taken-owner@example.com');
    expect(takenEmails.map((e) => e.kind)).toEqual(['ACCOUNT_EXISTS']);
    expect(takenEmails[0].data).not.toHaveProperty('sealedUrl', expect.stringContaining('confirm'));
    expect((await emailsTo('free-owner@example.com')).map((e) => e.kind)).toEqual(['SIGN_UP']);
    // Only the free address opened a practice (not yet anyone's: no account before the link is used).
    expect((await api.sql(`SELECT count(*)::int AS n FROM practice`))[0].n).toBe(practicesBefore[0].n + 1);
    expect(await api.sql(`SELECT 1 FROM app_user WHERE email = 'free-owner@example.com'`)).toEqual([]);
    // The details (the password's hash among them) leave the request once answered.
    expect(await api.sql(`SELECT details FROM account_request WHERE details <> '{}'`)).toEqual([]);

    const link = await api.takeSignUpLink('free-owner@example.com');
    expect(link).toMatch(/^https:\/\/tandem\.test\/confirm-sign-up\?token=/);
    const token = new URL(link!).searchParams.get('token');
    const confirmed = await api.anonymous().gql(CONFIRM, { token });
    expect(confirmed.confirmSignUp.user).toEqual({
      email: 'free-owner@example.com',
      role: 'OWNER',
      name: 'Nora North',
      timeZone: 'America/Chicago',
    });
    expect((await api.anonymous().raw(CONFIRM, { token })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const logIn = await api.anonymous().gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { email } } }`, {
      input: { email: 'free-owner@example.com', password: 'a long enough password' },
    });
    expect(logIn.logIn.user.email).toBe('free-owner@example.com');
  });

  it('sends the emails: a confirmation link to a free address, a log-in link and no token to a taken one', async () => {
    await anOwner(api, { email: 'mailed-taken@example.com' });
    await api.anonymous().gql(SIGN_UP, { input: signUpInput('mailed-free@example.com') });
    await api.anonymous().gql(SIGN_UP, { input: signUpInput('mailed-taken@example.com') });
    await requests.answerPending();
    const before = smtp.messages.length;
    const planned = await api.sql<{ id: string }>(
      `SELECT id FROM notification WHERE recipient_email IN ('mailed-free@example.com', 'mailed-taken@example.com') AND status = 'PENDING'`,
    );
    expect(planned).toHaveLength(2);
    // What the dispatcher does before the send job runs.
    await api.sql(`UPDATE notification SET status = 'QUEUED', queued_at = now() WHERE id = ANY($1::uuid[])`, [planned.map((p) => p.id)]);
    for (const { id } of planned) expect(await api.app.get(NotificationSender).send(id, 1, 5)).toBe('sent');
    const all = (await smtp.waitFor(before + 2)).slice(before);
    const toFree = all.find((m) => m.envelopeTo.includes('mailed-free@example.com'))!;
    const toTaken = all.find((m) => m.envelopeTo.includes('mailed-taken@example.com'))!;
    expect(toFree.parsed.text).toMatch(/https:\/\/tandem\.test\/confirm-sign-up\?token=[\w-]+/);
    expect(toTaken.parsed.subject).toBe('You already have a Tandem account');
    expect(toTaken.parsed.text).toContain('https://tandem.test/login');
    expect(toTaken.parsed.text).not.toContain('token=');
  });

  it('refuses a confirmation once the address has an account, and writes nothing', async () => {
    await api.anonymous().gql(SIGN_UP, { input: signUpInput('twice@example.com') });
    await api.anonymous().gql(SIGN_UP, { input: { ...signUpInput('twice@example.com'), practiceName: 'Second Try' } });
    await requests.answerPendingFor('twice@example.com');
    const links = await api.takeSignUpLinks('twice@example.com');
    expect(links).toHaveLength(2);
    const token = (link: string) => new URL(link).searchParams.get('token');
    await api.anonymous().gql(CONFIRM, { token: token(links[0]) });
    const users = await api.sql(`SELECT count(*)::int AS n FROM app_user`);
    // The second link's holder reads this address's mail: they may learn it has an account now.
    const second = await api.anonymous().raw(CONFIRM, { token: token(links[1]) });
    expect(second.body.errors?.[0]).toMatchObject({
      message: 'This address has an account already: log in instead',
      extensions: { code: 'CONFLICT' },
    });
    expect(await api.sql(`SELECT count(*)::int AS n FROM app_user`)).toEqual(users);
    // Refused and rolled back: the link is still unused, and a forged one is refused as any unknown link.
    expect(
      await api.sql(`SELECT 1 FROM user_token WHERE kind = 'SIGN_UP' AND email = 'twice@example.com' AND used_at IS NULL`),
    ).toHaveLength(1);
    const forged = await api.anonymous().raw(CONFIRM, { token: 'x'.repeat(43) });
    expect(forged.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'token' } });
  });

  it('answers a password reset the same for an account, an unknown address and a disabled account; only the account is emailed', async () => {
    await anOwner(api, { email: 'resettable@example.com' });
    const disabled = await anOwner(api, { email: 'disabled-owner@example.com' });
    await api.sql(`UPDATE app_user SET disabled = true WHERE id = $1`, [disabled.userId]);
    const answers = await Promise.all(
      ['resettable@example.com', 'nobody-here@example.com', 'disabled-owner@example.com'].map((email) =>
        api.anonymous().raw(RESET, { email }),
      ),
    );
    for (const answer of answers) {
      expect(answer.body).toEqual({ data: { requestPasswordReset: true } });
      expect(answer.headers.get('x-sql-statements')).toBe(answers[0].headers.get('x-sql-statements'));
    }
    // The request path writes one row and reads no account.
    expect(await api.sql(`SELECT count(*)::int AS n FROM user_token WHERE kind = 'PASSWORD_RESET'`)).toEqual([{ n: 0 }]);

    await requests.answerPending();
    expect((await emailsTo('resettable@example.com')).map((e) => e.kind)).toContain('PASSWORD_RESET');
    expect(await emailsTo('nobody-here@example.com')).toEqual([]);
    expect((await emailsTo('disabled-owner@example.com')).map((e) => e.kind)).not.toContain('PASSWORD_RESET');
    const outcomes = await api.sql(`SELECT email, outcome FROM account_request WHERE kind = 'PASSWORD_RESET' ORDER BY email`);
    expect(outcomes).toEqual([
      { email: 'disabled-owner@example.com', outcome: 'NO_ACCOUNT' },
      { email: 'nobody-here@example.com', outcome: 'NO_ACCOUNT' },
      { email: 'resettable@example.com', outcome: 'RESET_SENT' },
    ]);
  });

  it('emails an address at most three times an hour, whoever asks (its sign-up confirmation counts)', async () => {
    await anOwner(api, { email: 'flooded@example.com' });
    for (let i = 0; i < 5; i++) await api.anonymous().gql(RESET, { email: 'flooded@example.com' });
    await requests.answerPending();
    expect((await emailsTo('flooded@example.com')).filter((e) => e.kind === 'PASSWORD_RESET')).toHaveLength(2);
    const outcomes = await api.sql<{ outcome: string }>(
      `SELECT outcome FROM account_request WHERE email = 'flooded@example.com' AND kind = 'PASSWORD_RESET' ORDER BY created_at`,
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['RESET_SENT', 'RESET_SENT', 'TOO_MANY', 'TOO_MANY', 'TOO_MANY']);
  });

  it('keeps requests until a worker answers them, each once, even with two answering at once', async () => {
    for (let i = 0; i < 20; i++) await api.anonymous().gql(SIGN_UP, { input: signUpInput(`queued-${i}@example.com`) });
    const [first, second] = await Promise.all([requests.answerPending(), requests.answerPending()]);
    expect(first + second).toBe(20);
    const [{ n }] = await api.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'SIGN_UP' AND recipient_email LIKE 'queued-%'`,
    );
    expect(n).toBe(20);
  });

  it('invites a coach whose address has an account elsewhere with the same answer and statements; the link then does nothing', async () => {
    await anOwner(api, { email: 'coach-elsewhere@example.com' });
    const owner = await anOwner(api);
    const fresh = await api
      .as(owner.token)
      .raw(INVITE_COACH, { input: { name: 'Fay Fresh', email: 'fresh-coach@example.com', timeZone: 'Asia/Tokyo' } });
    const taken = await api
      .as(owner.token)
      .raw(INVITE_COACH, { input: { name: 'Tess Taken', email: 'coach-elsewhere@example.com', timeZone: 'Asia/Tokyo' } });
    expect(taken.body.errors).toBeUndefined();
    expect(Object.keys(taken.body.data!.inviteCoach)).toEqual(Object.keys(fresh.body.data!.inviteCoach));
    expect(taken.headers.get('x-sql-statements')).toBe(fresh.headers.get('x-sql-statements'));
    // Nobody is added to the practice before accepting.
    const coaches = `{ coaches { email } }`;
    expect((await api.as(owner.token).gql(coaches)).coaches.map((c: { email: string }) => c.email)).not.toContain(
      'fresh-coach@example.com',
    );

    const takenToken = new URL(taken.body.data!.inviteCoach.inviteUrl).searchParams.get('token');
    expect((await api.anonymous().raw(ACCEPT, { input: { token: takenToken, password: PASSWORD } })).body.errors?.[0]).toMatchObject({
      message: 'This link is invalid, was already used or has expired',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await emailsTo('coach-elsewhere@example.com')).find((e) => e.kind === 'INVITE')?.data).toMatchObject({ accountExists: true });

    const freshToken = new URL(fresh.body.data!.inviteCoach.inviteUrl).searchParams.get('token');
    const accepted = await api.anonymous().gql(ACCEPT, { input: { token: freshToken, password: PASSWORD } });
    expect(accepted.acceptInvite.user).toEqual({
      email: 'fresh-coach@example.com',
      role: 'COACH',
      name: 'Fay Fresh',
      timeZone: 'Asia/Tokyo',
    });
    expect((await api.as(owner.token).gql(coaches)).coaches.map((c: { email: string }) => c.email)).toContain('fresh-coach@example.com');
  });

  it('a coach invite accepted after its address got an account elsewhere is refused, and adds no one', async () => {
    const owner = await anOwner(api);
    const invite = await api
      .as(owner.token)
      .gql(INVITE_COACH, { input: { name: 'Late Larry', email: 'late-coach@example.com', timeZone: 'Europe/Paris' } });
    await anOwner(api, { email: 'late-coach@example.com' });
    const token = new URL(invite.inviteCoach.inviteUrl).searchParams.get('token');
    expect((await api.anonymous().raw(ACCEPT, { input: { token, password: PASSWORD } })).body.errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await api.sql(`SELECT role FROM app_user WHERE email = 'late-coach@example.com'`)).toEqual([{ role: 'OWNER' }]);
    // aCoach still builds a working coach.
    const coach = await aCoach(api, owner);
    expect((await api.as(coach.token).gql(`{ me { role } }`)).me.role).toBe('COACH');
  });
});
