import { ShiftedClock, withClockAt } from './support/clock.js';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { type Caller, TestApi } from './support/test-api.js';

type Role = 'anonymous' | 'owner' | 'coach' | 'otherCoach' | 'client' | 'otherClient' | 'otherPractice';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

const ROLES: Role[] = ['anonymous', 'otherPractice', 'otherCoach', 'otherClient', 'client', 'coach', 'owner'];

/** What each operation is done on: records of coach A's client, in practice 1. */
interface Target {
  clientId: string;
  engagementId: string;
  sessionId: string;
  sponsorId: string;
  actionItemId: string;
  goalId: string;
}

interface Operation {
  name: string;
  /** Runs the operation; answers the error code, or undefined on success. */
  run: (caller: Caller, target: Target) => Promise<string | undefined>;
  expect: Partial<Record<Role, Outcome>>;
  /** Changes state: each staff role that may succeed gets a target of its own (the client acts on the shared one, before staff). */
  fresh?: boolean;
}

// The usual shape: staff who coach the client may, others in the practice cannot see it, clients are refused.
const STAFF_ONLY: Partial<Record<Role, Outcome>> = {
  owner: 'ok',
  coach: 'ok',
  otherCoach: 'NOT_FOUND',
  client: 'FORBIDDEN',
  otherClient: 'FORBIDDEN',
  otherPractice: 'NOT_FOUND',
};
// Reads the client may make about themselves.
const CLIENT_READABLE: Partial<Record<Role, Outcome>> = { ...STAFF_ONLY, client: 'ok', otherClient: 'NOT_FOUND' };

const op = (query: string, vars: (t: Target) => Record<string, unknown>) => (caller: Caller, t: Target) => caller.errorCode(query, vars(t));

// The API's clock: the real time, moved past the targets' sessions (which start in 2027) for what needs them started.
const clock = new ShiftedClock();
const onceStarted =
  (run: Operation['run']): Operation['run'] =>
  (caller, t) =>
    withClockAt(clock, '2030-01-01T00:00:00Z', () => run(caller, t));

const OPERATIONS: Operation[] = [
  { name: 'client(id)', run: op(`query($id: ID!) { client(id: $id) { id name } }`, (t) => ({ id: t.clientId })), expect: CLIENT_READABLE },
  {
    name: 'engagement(id)',
    run: op(`query($id: ID!) { engagement(id: $id) { id title } }`, (t) => ({ id: t.engagementId })),
    expect: CLIENT_READABLE,
  },
  {
    name: 'session(id)',
    run: op(`query($id: ID!) { session(id: $id) { id startsAt sharedSummary } }`, (t) => ({ id: t.sessionId })),
    expect: CLIENT_READABLE,
  },
  {
    name: 'session.privateNotes',
    run: op(`query($id: ID!) { session(id: $id) { privateNotes } }`, (t) => ({ id: t.sessionId })),
    expect: { ...CLIENT_READABLE, client: 'FORBIDDEN' },
  },
  {
    name: 'clients (roster)',
    run: op(`{ clients(first: 5) { edges { node { id } } } }`, () => ({})),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'ok' },
  },
  {
    name: 'sponsor(id)',
    run: op(`query($id: ID!) { sponsor(id: $id) { id organisation } }`, (t) => ({ id: t.sponsorId })),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'NOT_FOUND' },
  },
  {
    name: 'updateClient',
    run: op(`mutation($id: ID!) { updateClient(id: $id, input: { targetRole: "CFO" }) { id } }`, (t) => ({ id: t.clientId })),
    expect: STAFF_ONLY,
  },
  {
    name: 'archiveClient',
    run: op(`mutation($id: ID!) { archiveClient(id: $id) { id } }`, (t) => ({ id: t.clientId })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'inviteClient',
    run: op(`mutation($id: ID!) { inviteClient(clientId: $id) { expiresAt } }`, (t) => ({ id: t.clientId })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'createEngagement',
    run: op(`mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`, (t) => ({
      input: { clientId: t.clientId, title: 'More', startDate: '2027-01-01', cadence: { frequency: 'AD_HOC', day: 1, localTime: '09:00' } },
    })),
    expect: STAFF_ONLY,
  },
  {
    name: 'pauseEngagement',
    run: op(`mutation($id: ID!) { pauseEngagement(id: $id) { id } }`, (t) => ({ id: t.engagementId })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'changeCadence',
    run: op(`mutation($id: ID!) { changeCadence(id: $id, cadence: { frequency: QUARTERLY, day: 2, localTime: "10:00" }) { id } }`, (t) => ({
      id: t.engagementId,
    })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'scheduleSession',
    run: op(`mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, (t) => ({
      input: { engagementId: t.engagementId, startsAt: '2027-06-01T10:00:00Z' },
    })),
    expect: STAFF_ONLY,
  },
  {
    name: 'rescheduleSession',
    run: op(`mutation($id: ID!) { rescheduleSession(id: $id, startsAt: "2027-07-01T10:00:00Z") { id } }`, (t) => ({ id: t.sessionId })),
    expect: STAFF_ONLY,
  },
  {
    name: 'writePrivateNotes',
    run: op(`mutation($id: ID!) { writePrivateNotes(id: $id, notes: "n") { id } }`, (t) => ({ id: t.sessionId })),
    expect: STAFF_ONLY,
  },
  {
    name: 'publishSessionSummary',
    run: onceStarted(op(`mutation($id: ID!) { publishSessionSummary(id: $id, summary: "s") { id } }`, (t) => ({ id: t.sessionId }))),
    expect: STAFF_ONLY,
  },
  {
    name: 'cancelSession',
    run: op(`mutation($id: ID!) { cancelSession(id: $id) { id } }`, (t) => ({ id: t.sessionId })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'completeSession',
    run: onceStarted(op(`mutation($id: ID!) { completeSession(id: $id) { id } }`, (t) => ({ id: t.sessionId }))),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'createSponsor',
    run: op(
      `mutation { createSponsor(input: { organisation: "Initech", contactName: "Bill", contactEmail: "bill@initech.test" }) { id } }`,
      () => ({}),
    ),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'ok' },
  },
  {
    name: 'updateSponsor',
    run: op(`mutation($id: ID!) { updateSponsor(id: $id, input: { contactName: "Jo" }) { id } }`, (t) => ({ id: t.sponsorId })),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'NOT_FOUND' },
  },
  {
    name: 'actionItem(id)',
    run: op(`query($id: ID!) { actionItem(id: $id) { id title } }`, (t) => ({ id: t.actionItemId })),
    expect: CLIENT_READABLE,
  },
  { name: 'goal(id)', run: op(`query($id: ID!) { goal(id: $id) { id progress } }`, (t) => ({ id: t.goalId })), expect: CLIENT_READABLE },
  {
    name: 'createActionItem',
    run: op(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, (t) => ({
      input: { engagementId: t.engagementId, title: 'More' },
    })),
    expect: STAFF_ONLY,
  },
  {
    name: 'completeActionItem',
    run: op(`mutation($id: ID!) { completeActionItem(id: $id) { id } }`, (t) => ({ id: t.actionItemId })),
    expect: CLIENT_READABLE,
    fresh: true,
  },
  {
    name: 'dropActionItem',
    run: op(`mutation($id: ID!) { dropActionItem(id: $id) { id } }`, (t) => ({ id: t.actionItemId })),
    expect: STAFF_ONLY,
    fresh: true,
  },
  {
    name: 'addActionItemComment',
    run: op(`mutation($id: ID!) { addActionItemComment(actionItemId: $id, body: "Done by Friday") { id } }`, (t) => ({
      id: t.actionItemId,
    })),
    expect: CLIENT_READABLE,
  },
  {
    name: 'createGoal',
    run: op(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, (t) => ({
      input: {
        engagementId: t.engagementId,
        title: 'G',
        category: 'LEARNING',
        horizon: 'FIVE_YEARS',
        metric: { name: 'Courses', unit: 'count', baseline: 0, target: 3 },
      },
    })),
    expect: STAFF_ONLY,
  },
  {
    name: 'addGoalCheckIn',
    run: op(`mutation($id: ID!) { addGoalCheckIn(goalId: $id, input: { value: 2 }) { id } }`, (t) => ({ id: t.goalId })),
    expect: CLIENT_READABLE,
  },
  {
    name: 'saveCareerPlanRevision',
    run: op(
      `mutation($id: ID!) { saveCareerPlanRevision(engagementId: $id, input: { strengthsInventory: "Finance" }) { number } }`,
      (t) => ({ id: t.engagementId }),
    ),
    expect: STAFF_ONLY,
  },
  {
    name: 'sponsorReport',
    run: op(`query($id: ID!) { sponsorReport(engagementId: $id) { title } }`, (t) => ({ id: t.engagementId })),
    expect: STAFF_ONLY,
  },
  {
    name: 'auditEvents',
    run: op(`{ auditEvents(first: 5) { edges { node { id } } } }`, () => ({})),
    expect: {
      owner: 'ok',
      coach: 'FORBIDDEN',
      otherCoach: 'FORBIDDEN',
      client: 'FORBIDDEN',
      otherClient: 'FORBIDDEN',
      otherPractice: 'ok',
    },
  },
  {
    name: 'inviteCoach',
    run: op(
      `mutation($email: String!) { inviteCoach(input: { name: "New Coach", email: $email, timeZone: "Europe/Paris" }) { expiresAt } }`,
      () => ({
        email: `coach-${Math.random().toString(36).slice(2)}@coach.test`,
      }),
    ),
    expect: {
      owner: 'ok',
      coach: 'FORBIDDEN',
      otherCoach: 'FORBIDDEN',
      client: 'FORBIDDEN',
      otherClient: 'FORBIDDEN',
      otherPractice: 'ok',
    },
    fresh: true,
  },
  {
    // Every coach has a Today of their own clients (another coach's clients never appear: today.e2e.spec.ts).
    name: 'today',
    run: op(`{ today { date needsAttention { edges { node { client { id } } } } activity { edges { node { id } } } } }`, () => ({})),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'ok' },
  },
  {
    name: 'markActivitySeen',
    run: op(`mutation($through: String!) { markActivitySeen(through: $through) { date } }`, () => ({
      through: Buffer.from(
        JSON.stringify(['2027-01-01T00:00:00.000000Z', 'GOAL_CHECK_IN', '00000000-0000-4000-8000-000000000000']),
      ).toString('base64url'),
    })),
    expect: { owner: 'ok', coach: 'ok', otherCoach: 'ok', client: 'FORBIDDEN', otherClient: 'FORBIDDEN', otherPractice: 'ok' },
  },
];

describe('authorization matrix: every role × every operation', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;
  let callers: Record<Role, Caller>;
  let shared: Target;

  async function newTarget(): Promise<Target> {
    const client = await aClient(api, coach);
    const engagement = await anEngagement(api, coach, client.id, { startDate: '2027-01-01' });
    const sponsor = await api
      .as(coach.token)
      .gql(`mutation { createSponsor(input: { organisation: "Globex", contactName: "Hank", contactEmail: "hank@globex.test" }) { id } }`);
    const item = await api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Call three former colleagues' },
    });
    const goal = await api.as(coach.token).gql(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        engagementId: engagement.id,
        title: 'Director role',
        category: 'CAREER',
        horizon: 'ONE_YEAR',
        metric: { name: 'Interviews', unit: 'count', baseline: 0, target: 5 },
      },
    });
    return {
      clientId: client.id,
      engagementId: engagement.id,
      sessionId: engagement.sessions[0].id,
      sponsorId: sponsor.createSponsor.id,
      actionItemId: item.createActionItem.id,
      goalId: goal.createGoal.id,
    };
  }

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    owner = await anOwner(api);
    coach = await aCoach(api, owner, 'Coach A');
    const otherCoach = await aCoach(api, owner, 'Coach B');
    shared = await newTarget();
    const client = await aClientLogin(api, coach, shared.clientId);
    const otherClientRecord = await aClient(api, otherCoach);
    const otherClient = await aClientLogin(api, otherCoach, otherClientRecord.id);
    const otherPractice = await anOwner(api);
    callers = {
      anonymous: api.anonymous(),
      owner: api.as(owner.token),
      coach: api.as(coach.token),
      otherCoach: api.as(otherCoach.token),
      client: api.as(client.token),
      otherClient: api.as(otherClient.token),
      otherPractice: api.as(otherPractice.token),
    };
  });
  afterAll(async () => {
    await api?.close();
  });

  const cases = OPERATIONS.flatMap((operation) => ROLES.map((role) => [operation.name, role, operation] as const));

  it.each(cases)('%s as %s', async (_name, role, operation) => {
    const expected: Outcome = role === 'anonymous' ? 'UNAUTHENTICATED' : (operation.expect[role] ?? 'FORBIDDEN');
    // The client's own records are the shared ones (its login belongs to them); staff get a fresh copy.
    const target = operation.fresh && expected === 'ok' && role !== 'client' ? await newTarget() : shared;
    const code = await operation.run(callers[role], target);
    expect(code ?? 'ok').toBe(expected);
  });

  it("never lists another coach's or another practice's clients on a roster", async () => {
    const ids = async (caller: Caller) =>
      (await caller.gql(`{ clients(first: 100) { edges { node { id } } } }`)).clients.edges.map((e: any) => e.node.id);
    expect(await ids(callers.coach)).toContain(shared.clientId);
    expect(await ids(callers.owner)).toContain(shared.clientId);
    expect(await ids(callers.otherCoach)).not.toContain(shared.clientId);
    expect(await ids(callers.otherPractice)).toEqual([]);
  });

  it('answers NOT_FOUND, not FORBIDDEN, for an id that exists elsewhere, and the same for one that exists nowhere', async () => {
    const query = `query($id: ID!) { client(id: $id) { id } }`;
    const elsewhere = await callers.otherPractice.raw(query, { id: shared.clientId });
    const nowhere = await callers.otherPractice.raw(query, { id: '7d0c5b6e-1c1f-4c0a-9d43-3f8a3f4f0e21' });
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(nowhere.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
