import { aClient, anOwner, PASSWORD, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const PAYLOAD = 'accessToken refreshToken user { id role client { id name } }';

/**
 * The user in an AuthPayload is the caller who has just proved who they are: its nested fields answer
 * without an error (an UNAUTHENTICATED error there made the web client refresh and resend the mutation,
 * spending a one-time invitation twice).
 */
describe('auth payloads answer their user’s nested fields', () => {
  let api: TestApi;
  let owner: OwnerSession;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api, { email: `payload-owner-${Date.now()}@example.com` });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives a client their client record on accepting the invite, logging in and refreshing; staff get null; nobody gets an error', async () => {
    const client = await aClient(api, owner, { name: 'Pia Payload', email: `pia-${Date.now()}@example.com` });
    const invite = await api.as(owner.token).gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: client.id });
    const token = new URL(invite.inviteClient.inviteUrl).searchParams.get('token');

    const accepted = await api
      .anonymous()
      .raw(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { ${PAYLOAD} } }`, { input: { token, password: PASSWORD } });
    expect(accepted.body.errors).toBeUndefined();
    expect((accepted.body.data as any).acceptInvite.user).toMatchObject({ role: 'CLIENT', client: { id: client.id, name: 'Pia Payload' } });

    const loggedIn = await api
      .anonymous()
      .raw(`mutation($input: LogInInput!) { logIn(input: $input) { ${PAYLOAD} } }`, { input: { email: client.email, password: PASSWORD } });
    expect(loggedIn.body.errors).toBeUndefined();
    const login = (loggedIn.body.data as any).logIn;
    expect(login.user.client).toEqual({ id: client.id, name: 'Pia Payload' });

    // With someone else's token on the request, the payload still answers for the user who logged in.
    const refreshed = await api
      .as(owner.token)
      .raw(`mutation($t: String!) { refresh(refreshToken: $t) { ${PAYLOAD} } }`, { t: login.refreshToken });
    expect(refreshed.body.errors).toBeUndefined();
    expect((refreshed.body.data as any).refresh.user.client).toEqual({ id: client.id, name: 'Pia Payload' });

    const me = await api.as((refreshed.body.data as any).refresh.accessToken).gql(`{ me { client { id } } }`);
    expect(me.me.client).toEqual({ id: client.id });
    // The owner asking for their own user gets no client.
    expect((await api.as(owner.token).gql(`{ me { client { id } } }`)).me.client).toBeNull();
  });

  it('answers null for a coach’s payload and still refuses the field without any caller', async () => {
    const ownerEmail = `payload-coach-${Date.now()}@example.com`;
    await anOwner(api, { email: ownerEmail });
    const loggedIn = await api
      .anonymous()
      .raw(`mutation($input: LogInInput!) { logIn(input: $input) { ${PAYLOAD} } }`, { input: { email: ownerEmail, password: PASSWORD } });
    expect(loggedIn.body.errors).toBeUndefined();
    expect((loggedIn.body.data as any).logIn.user).toMatchObject({ role: 'OWNER', client: null });
    expect(await api.anonymous().errorCode(`{ me { client { id } } }`)).toBe('UNAUTHENTICATED');
  });
});
