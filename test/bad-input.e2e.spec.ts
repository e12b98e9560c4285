import { aClient, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

interface BadCase {
  name: string;
  query: string;
  variables: (ids: { clientId: string; engagementId: string; sessionId: string }) => Record<string, unknown>;
  /** The field the error should name, when the check is a field check. */
  field?: string;
}

const long = (n: number) => 'x'.repeat(n);
const clientInput = { name: 'Valid Name', email: 'valid@example.com', timeZone: 'Europe/London' };
const cadence = { frequency: 'MONTHLY', day: 1, localTime: '09:00' };
const engagementInput = (clientId: string) => ({ clientId, title: 'Valid', startDate: '2027-01-01', cadence });

const CREATE_CLIENT = `mutation($input: CreateClientInput!) { createClient(input: $input) { id } }`;
const UPDATE_CLIENT = `mutation($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`;
const CREATE_ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const CHANGE_CADENCE = `mutation($id: ID!, $cadence: CadenceInput!) { changeCadence(id: $id, cadence: $cadence) { id } }`;
const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;
const UPDATE_SESSION = `mutation($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) }`;
const SPONSOR = `mutation($input: SponsorInput!) { createSponsor(input: $input) { id } }`;

const CASES: BadCase[] = [
  {
    name: 'signUp: malformed email',
    query: SIGN_UP,
    variables: () => ({
      input: { practiceName: 'P', name: 'N', email: 'not-an-email', password: 'long enough pw', timeZone: 'Europe/London' },
    }),
    field: 'email',
  },
  {
    name: 'signUp: unknown zone',
    query: SIGN_UP,
    variables: () => ({ input: { practiceName: 'P', name: 'N', email: 'a@b.test', password: 'long enough pw', timeZone: 'Mars/Olympus' } }),
    field: 'timeZone',
  },
  {
    name: 'signUp: short password',
    query: SIGN_UP,
    variables: () => ({ input: { practiceName: 'P', name: 'N', email: 'a@b.test', password: 'short', timeZone: 'Europe/London' } }),
    field: 'password',
  },
  {
    name: 'createClient: malformed email',
    query: CREATE_CLIENT,
    variables: () => ({ input: { ...clientInput, email: 'nope@' } }),
    field: 'email',
  },
  {
    name: 'createClient: unknown zone',
    query: CREATE_CLIENT,
    variables: () => ({ input: { ...clientInput, timeZone: 'EST' } }),
    field: 'timeZone',
  },
  {
    name: 'createClient: over-long name',
    query: CREATE_CLIENT,
    variables: () => ({ input: { ...clientInput, name: long(201) } }),
    field: 'name',
  },
  { name: 'createClient: empty name', query: CREATE_CLIENT, variables: () => ({ input: { ...clientInput, name: '   ' } }), field: 'name' },
  { name: 'createClient: unknown enum value', query: CREATE_CLIENT, variables: () => ({ input: { ...clientInput, status: 'VIP' } }) },
  {
    name: 'createClient: too many tags',
    query: CREATE_CLIENT,
    variables: () => ({ input: { ...clientInput, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }),
    field: 'tags',
  },
  {
    name: 'updateClient: over-long target role',
    query: UPDATE_CLIENT,
    variables: (ids) => ({ id: ids.clientId, input: { targetRole: long(201) } }),
    field: 'targetRole',
  },
  {
    name: 'updateClient: reminder offset below 10 minutes',
    query: UPDATE_CLIENT,
    variables: (ids) => ({ id: ids.clientId, input: { reminderOffsetsMinutes: [5] } }),
    field: 'reminderOffsetsMinutes',
  },
  {
    name: 'createEngagement: impossible date',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), startDate: '2027-02-30' } }),
    field: 'startDate',
  },
  {
    name: 'createEngagement: end before start',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), endDate: '2026-12-31' } }),
    field: 'endDate',
  },
  {
    name: 'createEngagement: negative duration',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), sessionMinutes: -30 } }),
    field: 'sessionMinutes',
  },
  {
    name: 'createEngagement: zero allotment',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), sessionsAllotted: 0 } }),
    field: 'sessionsAllotted',
  },
  {
    name: 'createEngagement: unknown cadence zone',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), cadence: { ...cadence, timeZone: 'Europe/Atlantis' } } }),
  },
  {
    name: 'createEngagement: bad local time',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), cadence: { ...cadence, localTime: '25:00' } } }),
  },
  {
    name: 'createEngagement: day 32',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), cadence: { ...cadence, day: 32 } } }),
  },
  {
    name: 'createEngagement: ordinal weekday without weekday',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({
      input: {
        ...engagementInput(ids.clientId),
        cadence: { frequency: 'MONTHLY', anchor: 'ORDINAL_WEEKDAY', ordinal: 1, localTime: '09:00' },
      },
    }),
  },
  {
    name: 'createEngagement: unknown frequency',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), cadence: { ...cadence, frequency: 'WEEKLY' } } }),
  },
  {
    name: 'createEngagement: over-long title',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), title: long(201) } }),
    field: 'title',
  },
  {
    name: 'changeCadence: ordinal 5',
    query: CHANGE_CADENCE,
    variables: (ids) => ({
      id: ids.engagementId,
      cadence: { frequency: 'MONTHLY', anchor: 'ORDINAL_WEEKDAY', ordinal: 5, weekday: 2, localTime: '09:00' },
    }),
  },
  {
    name: 'scheduleSession: negative duration',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: '2027-05-01T10:00:00Z', durationMinutes: -5 } }),
    field: 'durationMinutes',
  },
  {
    name: 'scheduleSession: not a date-time',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: 'next tuesday' } }),
  },
  {
    name: 'scheduleSession: meeting link not a URL',
    query: SCHEDULE,
    variables: (ids) => ({
      input: { engagementId: ids.engagementId, startsAt: '2027-05-01T10:00:00Z', meetingUrl: 'javascript:alert(1)' },
    }),
    field: 'meetingUrl',
  },
  {
    name: 'updateSession: over-long agenda',
    query: UPDATE_SESSION,
    variables: (ids) => ({ id: ids.sessionId, input: { agenda: long(20_001) } }),
    field: 'agenda',
  },
  {
    name: 'writePrivateNotes: over-long notes',
    query: `mutation($id: ID!, $n: String!) { writePrivateNotes(id: $id, notes: $n) { id } }`,
    variables: (ids) => ({ id: ids.sessionId, n: long(20_001) }),
    field: 'notes',
  },
  {
    name: 'createSponsor: malformed email',
    query: SPONSOR,
    variables: () => ({ input: { organisation: 'Acme', contactName: 'Ann', contactEmail: 'ann at acme' } }),
    field: 'contactEmail',
  },
  {
    name: 'createClient: a null character',
    query: CREATE_CLIENT,
    variables: () => ({ input: { ...clientInput, name: 'Ann\u0000Able' } }),
    field: 'name',
  },
  {
    name: 'updateClient: an unpaired surrogate',
    query: UPDATE_CLIENT,
    variables: (ids) => ({ id: ids.clientId, input: { targetRole: 'Lead \ud83d' } }),
    field: 'targetRole',
  },
  {
    name: 'createEngagement: a null character in a nested input',
    query: CREATE_ENGAGEMENT,
    variables: (ids) => ({ input: { ...engagementInput(ids.clientId), cadence: { ...cadence, timeZone: 'Europe/\u0000London' } } }),
    field: 'cadence.timeZone',
  },
  {
    name: 'writePrivateNotes: a null character in a plain argument',
    query: `mutation($id: ID!, $n: String!) { writePrivateNotes(id: $id, notes: $n) { id } }`,
    variables: (ids) => ({ id: ids.sessionId, n: 'a\u0000b' }),
    field: 'notes',
  },
  {
    name: 'scheduleSession: startsAt "yesterday"',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: 'yesterday' } }),
    field: 'startsAt',
  },
  {
    name: 'scheduleSession: startsAt a number',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: 1234 } }),
    field: 'startsAt',
  },
  {
    name: 'scheduleSession: startsAt 30 February',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: '2027-02-30T10:00:00Z' } }),
    field: 'startsAt',
  },
  {
    name: 'scheduleSession: startsAt 24:00',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: '2027-05-01T24:00:00Z' } }),
    field: 'startsAt',
  },
  {
    name: 'scheduleSession: startsAt without a zone',
    query: SCHEDULE,
    variables: (ids) => ({ input: { engagementId: ids.engagementId, startsAt: '2027-05-01T10:00:00' } }),
    field: 'startsAt',
  },
  {
    name: 'rescheduleSession: inline literal "yesterday"',
    query: `mutation($id: ID!) { rescheduleSession(id: $id, startsAt: "yesterday") { id } }`,
    variables: (ids) => ({ id: ids.sessionId }),
    field: 'startsAt',
  },
  {
    name: 'clients: a forged cursor',
    query: `query($after: String) { clients(after: $after) { edges { cursor } } }`,
    variables: () => ({ after: Buffer.from(JSON.stringify(['9999-99-99', 'x'])).toString('base64url') }),
    field: 'after',
  },
  {
    name: 'clients: a cursor with a null character',
    query: `query($after: String) { clients(after: $after) { edges { cursor } } }`,
    variables: () => ({
      after: Buffer.from(JSON.stringify(['NAME', 'a\u0000', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
    }),
    field: 'after',
  },
  {
    name: 'actionItems: a cursor with an impossible date',
    query: `query($after: String) { actionItems(after: $after) { edges { cursor } } }`,
    variables: () => ({ after: Buffer.from(JSON.stringify(['2026-02-30', '00000000-0000-4000-8000-000000000000'])).toString('base64url') }),
    field: 'after',
  },
  { name: 'clients: page size 0', query: `{ clients(first: 0) { edges { cursor } } }`, variables: () => ({}), field: 'first' },
];

async function counts(api: TestApi): Promise<Record<string, number>> {
  const tables = ['practice', 'app_user', 'client', 'sponsor', 'engagement', 'coaching_session', 'audit_event'];
  const result: Record<string, number> = {};
  for (const table of tables) result[table] = (await api.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const [notes] = await api.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM coaching_session WHERE private_notes IS NOT NULL OR agenda IS NOT NULL`,
  );
  result.sessionText = notes.n;
  return result;
}

describe('bad input is refused with BAD_USER_INPUT and writes nothing', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let ids: { clientId: string; engagementId: string; sessionId: string };

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    const client = await aClient(api, owner);
    const engagement = await anEngagement(api, owner, client.id, { startDate: '2027-01-01' });
    ids = { clientId: client.id, engagementId: engagement.id, sessionId: engagement.sessions[0].id };
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, badCase) => {
    const before = await counts(api);
    const { body } = await api.as(owner.token).raw(badCase.query, badCase.variables(ids));
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    if (badCase.field) expect(error?.extensions?.field).toBe(badCase.field);
    expect(JSON.stringify(body)).not.toMatch(/stack|QueryFailedError|SELECT |INSERT |\.ts:\d+/);
    expect(await counts(api)).toEqual(before);
  });

  it('answers BAD_USER_INPUT naming the field for a malformed id, at the top level and inside an input; NOT_FOUND for a well-formed id out of reach', async () => {
    const top = (await api.as(owner.token).raw(UPDATE_CLIENT, { id: 'not-a-uuid', input: { name: 'X' } })).body.errors?.[0];
    expect(top?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const inside = (await api.as(owner.token).raw(CREATE_ENGAGEMENT, { input: engagementInput('not-a-uuid') })).body.errors?.[0];
    expect(inside?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'clientId' });
    const literal = (await api.as(owner.token).raw(`mutation { archiveClient(id: "42") { id } }`)).body.errors?.[0];
    expect(literal?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await api.as(owner.token).errorCode(UPDATE_CLIENT, { id: '00000000-0000-4000-8000-000000000000', input: { name: 'X' } })).toBe(
      'NOT_FOUND',
    );
  });

  it('rolls back everything a mutation wrote when a later step fails', async () => {
    // acceptInvite marks the invite used, then finds the email taken: the refusal (the link no longer works; it says nothing of the account) must undo the first write.
    const client = await aClient(api, owner, { email: 'taken-later@example.com' });
    const invite = await api.as(owner.token).gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: client.id });
    await anOwner(api, { email: 'taken-later@example.com' });
    const token = new URL(invite.inviteClient.inviteUrl).searchParams.get('token');
    const code = await api.anonymous().errorCode(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`, {
      input: { token, password: 'a long enough password' },
    });
    expect(code).toBe('BAD_USER_INPUT');
    const tokens = await api.sql(`SELECT used_at FROM user_token WHERE client_id = $1`, [client.id]);
    expect(tokens).toEqual([{ used_at: null }]);
  });
});
