import { SessionRevocations } from '../libs/coaching/src/auth/session-revocations.js';
import { PASSWORD, aClient, aClientLogin, aCoach, anOwner } from './support/factories.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';
import { waitFor } from './support/wait-for.js';

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { id email role } } }`;
const REFRESH = `mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { id email role name timeZone } }`;

describe('auth over GraphQL', () => {
  let api: TestApi;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' }, runWorker: true });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  it('signs up a practice whose owner can then log in and read `me`', async () => {
    const owner = await anOwner(api, { email: 'Olive@Example.com' });
    const me = await api.as(owner.token).gql(ME);
    expect(me.me).toMatchObject({ email: 'olive@example.com', role: 'OWNER', timeZone: 'Europe/London' });

    const logIn = await api.anonymous().gql(LOG_IN, { input: { email: 'OLIVE@example.com', password: PASSWORD } });
    expect(logIn.logIn.user).toMatchObject({ id: owner.userId, role: 'OWNER' });
    const [practice] = await api.sql('SELECT name FROM practice WHERE id = $1', [owner.practiceId]);
    expect(practice).toBeDefined();
  });

  it('refuses a second sign-up with the same email', async () => {
    await anOwner(api, { email: 'dup@example.com' });
    await expect(anOwner(api, { email: 'dup@example.com' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a common, repetitive or personal password with BAD_USER_INPUT on password, and writes nothing', async () => {
    const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) }`;
    const input = { practiceName: 'Brightpath Coaching', name: 'Olivia Hart', email: 'olivia.hart@example.com', timeZone: 'Europe/London' };
    for (const password of ['password12', ' '.repeat(10), '1234567890', 'Brightpath!!']) {
      const { body } = await api.anonymous().raw(SIGN_UP, { input: { ...input, password } });
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
      expect(body.errors?.[0]?.message).toMatch(/^Choose a less common password: /);
    }
    expect(await api.sql(`SELECT 1 FROM account_request WHERE email = 'olivia.hart@example.com'`)).toEqual([]);
    expect((await api.anonymous().gql(SIGN_UP, { input: { ...input, password: 'tandem-demo-password' } })).signUp).toBe(true);
    expect(await api.takeSignUpLink(input.email)).toMatch(/^https:\/\/tandem\.test\/confirm-sign-up\?token=/);
  });

  it('answers the same error for an unknown email and a wrong password', async () => {
    await anOwner(api, { email: 'known@example.com' });
    const unknown = await api.anonymous().raw(LOG_IN, { input: { email: 'nobody@example.com', password: PASSWORD } });
    const wrong = await api.anonymous().raw(LOG_IN, { input: { email: 'known@example.com', password: 'not the password' } });
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrong.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
    expect(wrong.body.errors?.[0]?.extensions).toEqual(unknown.body.errors?.[0]?.extensions);
  });

  it('rate limits repeated failed log-ins for an address, even with the right password', async () => {
    await anOwner(api, { email: 'limited@example.com' });
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i += 1)
      codes.push(await api.anonymous().errorCode(LOG_IN, { input: { email: 'limited@example.com', password: 'wrong password!' } }));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes[5]).toBe('RATE_LIMITED');
    expect(await api.anonymous().errorCode(LOG_IN, { input: { email: 'limited@example.com', password: PASSWORD } })).toBe('RATE_LIMITED');
  });

  it('cannot try many passwords in one request through aliases or batching', async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `a${i}: logIn(input: { email: "x@example.com", password: "guess-${i}-xxxx" }) { accessToken }`,
    ).join('\n');
    const response = await api.anonymous().raw(`mutation { ${aliases} }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await api.sql(`SELECT 1 FROM login_attempt WHERE email = 'x@example.com'`)).toEqual([]);

    const batch = await fetch(`${api.http.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ version }' }, { query: '{ version }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const owner = await anOwner(api);
    const first = await api.anonymous().gql(REFRESH, { t: owner.refreshToken });
    expect(first.refresh.refreshToken).not.toBe(owner.refreshToken);
    expect((await api.as(first.refresh.accessToken).gql(ME)).me.id).toBe(owner.userId);

    // The old token again: refused, and the newer token of the same family stops working too.
    expect(await api.anonymous().errorCode(REFRESH, { t: owner.refreshToken })).toBe('UNAUTHENTICATED');
    expect(await api.anonymous().errorCode(REFRESH, { t: first.refresh.refreshToken })).toBe('UNAUTHENTICATED');
  });

  it('logs out: the refresh token and the access tokens of that session stop working at once; another session goes on', async () => {
    const owner = await anOwner(api);
    const other = (
      await api.anonymous().gql(LOG_IN, { input: { email: (await api.as(owner.token).gql(ME)).me.email, password: PASSWORD } })
    ).logIn;
    expect((await api.as(owner.token).gql(ME)).me.id).toBe(owner.userId);
    expect((await api.anonymous().gql(`mutation($t: String!) { logOut(refreshToken: $t) }`, { t: owner.refreshToken })).logOut).toBe(true);
    expect(await api.anonymous().errorCode(REFRESH, { t: owner.refreshToken })).toBe('UNAUTHENTICATED');
    expect(await api.as(owner.token).errorCode(ME)).toBe('UNAUTHENTICATED');
    expect((await api.as(other.accessToken).gql(ME)).me.id).toBe(owner.userId);
  });

  it('ends the access tokens of a session whose rotated refresh token is reused', async () => {
    const owner = await anOwner(api);
    const rotated = (await api.anonymous().gql(REFRESH, { t: owner.refreshToken })).refresh;
    expect((await api.as(rotated.accessToken).gql(ME)).me.id).toBe(owner.userId);
    expect(await api.anonymous().errorCode(REFRESH, { t: owner.refreshToken })).toBe('UNAUTHENTICATED');
    expect(await api.as(rotated.accessToken).errorCode(ME)).toBe('UNAUTHENTICATED');
    expect(await api.as(owner.token).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  it('ends the access tokens of a session revoked by another replica once its check is older than the bound', async () => {
    const owner = await anOwner(api);
    expect((await api.as(owner.token).gql(ME)).me.id).toBe(owner.userId);
    // Another replica revoked the family: this one learns it on its next check (at most SESSION_CHECK_SECONDS later).
    await api.sql(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1`, [owner.userId]);
    const sessions = api.app.get(SessionRevocations);
    (sessions as unknown as { known: Map<string, unknown> }).known.clear();
    expect(await api.as(owner.token).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  it('rejects a missing, malformed or forged access token with UNAUTHENTICATED', async () => {
    expect(await api.anonymous().errorCode(ME)).toBe('UNAUTHENTICATED');
    expect(await api.as('not-a-jwt').errorCode(ME)).toBe('UNAUTHENTICATED');
    const owner = await anOwner(api);
    const [header, payload] = owner.token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'OWNER', pid: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.AAAA`;
    expect(await api.as(forged).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  it('resets a password through a one-time emailed link', async () => {
    const forgetful = await anOwner(api, { email: 'forgetful@example.com' });
    const before = smtp.messages.length;
    expect((await api.anonymous().gql(`mutation { requestPasswordReset(email: "forgetful@example.com") }`)).requestPasswordReset).toBe(
      true,
    );
    // Unknown addresses get the same answer and no mail.
    expect((await api.anonymous().gql(`mutation { requestPasswordReset(email: "ghost@example.com") }`)).requestPasswordReset).toBe(true);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail.envelopeTo).toEqual(['forgetful@example.com']);
    const link = /https:\/\/tandem\.test\/reset-password\?token=([\w-]+)/.exec(mail.parsed.text ?? '');
    expect(link).not.toBeNull();

    const reset = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
    expect((await api.anonymous().gql(reset, { input: { token: link![1], password: 'a brand new password' } })).resetPassword).toBe(true);
    // A new password ends every session, access tokens included.
    expect(await api.as(forgetful.token).errorCode(ME)).toBe('UNAUTHENTICATED');
    expect(await api.anonymous().errorCode(reset, { input: { token: link![1], password: 'another new password' } })).toBe('BAD_USER_INPUT');
    expect(await api.anonymous().errorCode(LOG_IN, { input: { email: 'forgetful@example.com', password: PASSWORD } })).toBe(
      'UNAUTHENTICATED',
    );
    await api.anonymous().gql(LOG_IN, { input: { email: 'forgetful@example.com', password: 'a brand new password' } });
    await waitFor(() => smtp.messages.length === before + 1 || undefined, { timeoutMs: 500 }).catch(() => undefined);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes('ghost@example.com'))).toEqual([]);
  });

  it('invites a coach and a client, who log in with their own roles; an invite works once', async () => {
    const owner = await anOwner(api);
    const coach = await aCoach(api, owner);
    expect((await api.as(coach.token).gql(ME)).me.role).toBe('COACH');

    const client = await aClient(api, coach);
    const invite = await api
      .as(coach.token)
      .gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl expiresAt } }`, { id: client.id });
    const token = new URL(invite.inviteClient.inviteUrl).searchParams.get('token');
    const accepted = await api
      .anonymous()
      .gql(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken user { role email } } }`, {
        input: { token, password: PASSWORD },
      });
    expect(accepted.acceptInvite.user).toEqual({ role: 'CLIENT', email: client.email });
    expect(
      await api.anonymous().errorCode(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`, {
        input: { token, password: PASSWORD },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(await api.as(coach.token).errorCode(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: client.id })).toBe(
      'CONFLICT',
    );

    const clientMe = await api.as(accepted.acceptInvite.accessToken).gql(`{ me { role } client(id: "${client.id}") { id name hasLogin } }`);
    expect(clientMe).toEqual({ me: { role: 'CLIENT' }, client: { id: client.id, name: client.name, hasLogin: true } });
  });

  it('invites a client whose address has an account in another practice with the same answer and work; the email tells its owner to log in', async () => {
    const INVITE = `mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl expiresAt } }`;
    const elsewhere = await anOwner(api, { email: 'taken-elsewhere@example.com' });
    const coach = await aCoach(api, await anOwner(api));
    const fresh = await aClient(api, coach, { email: 'fresh-invitee@example.com' });
    const taken = await aClient(api, coach, { email: 'taken-elsewhere@example.com' });
    const before = smtp.messages.length;

    const freshAnswer = await api.as(coach.token).raw(INVITE, { id: fresh.id });
    const takenAnswer = await api.as(coach.token).raw(INVITE, { id: taken.id });
    expect(takenAnswer.body.errors).toBeUndefined();
    expect(Object.keys(takenAnswer.body.data!.inviteClient)).toEqual(Object.keys(freshAnswer.body.data!.inviteClient));
    expect(takenAnswer.body.data!.inviteClient.inviteUrl).toMatch(/^https:\/\/tandem\.test\/accept-invite\?token=/);
    // The same statements on both paths (same rows written).
    expect(takenAnswer.headers.get('x-sql-statements')).toBe(freshAnswer.headers.get('x-sql-statements'));

    const mails = (await smtp.waitFor(before + 2)).slice(before);
    const toTaken = mails.find((m) => m.envelopeTo.includes('taken-elsewhere@example.com'))!;
    expect(toTaken.parsed.text).toContain('already has a Tandem account');
    expect(toTaken.parsed.text).toContain('https://tandem.test/login');
    expect(toTaken.parsed.text).not.toContain('accept-invite');
    expect(mails.find((m) => m.envelopeTo.includes('fresh-invitee@example.com'))!.parsed.text).toContain('accept-invite');

    // Whoever holds the link cannot use it, and hears nothing about the account.
    const token = new URL(takenAnswer.body.data!.inviteClient.inviteUrl).searchParams.get('token');
    const accepted = await api.anonymous().raw(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`, {
      input: { token, password: PASSWORD },
    });
    expect(accepted.body.errors?.[0]).toMatchObject({
      message: 'This link is invalid, was already used or has expired',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await api.as(elsewhere.token).gql(ME)).me.email).toBe('taken-elsewhere@example.com');
  });

  it('writes an audit event for sign-up, log-in and invites, without secrets', async () => {
    const owner = await anOwner(api);
    const client = await aClient(api, owner);
    await aClientLogin(api, owner, client.id);
    const events = await api.sql<{ action: string; details: unknown }>(
      'SELECT action, details FROM audit_event WHERE practice_id = $1 ORDER BY id',
      [owner.practiceId],
    );
    expect(events.map((e) => e.action)).toEqual(['practice.signed_up', 'client.created', 'client.invited', 'user.accepted_invite']);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });
});
