import { randomUUID } from 'node:crypto';
import { aClient, aClientLogin, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

// Everything a client's screens could ask for, as deep as the query limits and the request budget allow (pages kept small:
// the budget counts every list at its page size); privateNotes is the one field left out.
const SESSION = `id sequence startsAt timeZone durationMinutes status meetingUrl agenda sharedSummary summaryPublishedAt version completedAt
  actionItems { id title details status comments { body author { name } } }`;
const ENGAGEMENT = `id title phase status startDate endDate sessionsAllotted sessionMinutes sessionsUsed
  cadence { frequency anchor day ordinal weekday localTime timeZone }
  coach { name email } sponsor { organisation }
  sessions(first: 5) { ${SESSION} } nextSession { id startsAt sharedSummary }
  goals { id title progress metric { name unit baseline target } checkIns { value note recordedBy { name } } }
  careerPlan { latestRevision { number strengthsInventory gapsAndThreats directionAndOpportunities marketAnalysis compensationPlan strategyAndTimetable brandingAndNetworking } revisions { number } }`;
const ITEM = `id title details dueDate status isOverdue completedAt comments { body } session { id agenda sharedSummary } engagement { id title }`;

/** Every Query field, classified: what a CLIENT may run (and what it returns), and what is staff-only. */
const CLIENT_QUERIES: Record<string, (ids: Ids) => { query: string; variables?: Record<string, unknown> }> = {
  version: () => ({ query: `{ version }` }),
  me: () => ({
    query: `{ me { id email role client { id name currentRole targetRole nextSession { id sharedSummary agenda } engagements { ${ENGAGEMENT} } } } }`,
  }),
  practice: () => ({ query: `{ practice { name timeZone } }` }),
  client: (ids) => ({
    query: `query($id: ID!) { client(id: $id) { id name openActionItemCount latestGoalProgress { goalTitle progress } currentEngagement { id title } } }`,
    variables: { id: ids.clientId },
  }),
  engagement: (ids) => ({ query: `query($id: ID!) { engagement(id: $id) { ${ENGAGEMENT} } }`, variables: { id: ids.engagementId } }),
  engagements: () => ({ query: `{ engagements(first: 3) { edges { node { id title sessions(first: 5) { ${SESSION} } } } } }` }),
  session: (ids) => ({
    query: `query($id: ID!) { session(id: $id) { ${SESSION} engagement { title } client { name } } }`,
    variables: { id: ids.notedSessionId },
  }),
  sessions: () => ({ query: `{ sessions(first: 20) { edges { node { ${SESSION} } } } }` }),
  actionItems: () => ({ query: `{ actionItems(first: 100) { edges { node { ${ITEM} } } } }` }),
  myActionItems: () => ({ query: `{ myActionItems(first: 100) { edges { node { ${ITEM} } } } }` }),
  messages: (ids) => ({
    query: `query($id: ID!) { messages(engagementId: $id, first: 100) { edges { node { id body source author { id name } } } } }`,
    variables: { id: ids.engagementId },
  }),
  unreadMessageCount: () => ({ query: `{ unreadMessageCount }` }),
  actionItem: (ids) => ({ query: `query($id: ID!) { actionItem(id: $id) { ${ITEM} } }`, variables: { id: ids.actionItemId } }),
  myContacts: () => ({ query: `{ myContacts(first: 100) { edges { node { id name notes } } } }` }),
  contact: (ids) => ({ query: `query($id: ID!) { contact(id: $id) { id name notes } }`, variables: { id: ids.contactId } }),
  notificationPreferences: () => ({ query: `{ notificationPreferences { email disabledKinds quietHoursStart } }` }),
  goal: (ids) => ({
    query: `query($id: ID!) { goal(id: $id) { id title progress checkIns { value note } latestCheckIn { value } } }`,
    variables: { id: ids.goalId },
  }),
  checkIns: (ids) => ({
    query: `query($id: ID!) { checkIns(clientId: $id, first: 10) { edges { node { answer note } } } }`,
    variables: { id: ids.clientId },
  }),
};
const STAFF_ONLY_QUERIES: Record<string, (ids: Ids) => { query: string; variables?: Record<string, unknown> }> = {
  clients: () => ({ query: `{ clients(first: 10) { edges { node { id } } } }` }),
  coaches: () => ({ query: `{ coaches { id } }` }),
  today: () => ({ query: `{ today { date sessions(when: TODAY) { edges { node { session { id } } } } } }` }),
  sponsors: () => ({ query: `{ sponsors(first: 10) { edges { node { id } } } }` }),
  sponsor: (ids) => ({ query: `query($id: ID!) { sponsor(id: $id) { id } }`, variables: { id: ids.sponsorId } }),
  sponsorReport: (ids) => ({
    query: `query($id: ID!) { sponsorReport(engagementId: $id) { title } }`,
    variables: { id: ids.engagementId },
  }),
  auditEvents: () => ({ query: `{ auditEvents(first: 10) { edges { node { id } } } }` }),
  notifications: (ids) => ({
    query: `query($id: ID!) { notifications(clientId: $id, first: 10) { edges { node { id } } } }`,
    variables: { id: ids.clientId },
  }),
  previewSessionPlan: (ids) => ({
    query: `query($id: ID!) { previewSessionPlan(engagementId: $id, change: { pause: true }) { cancelled { id privateNotes } created kept { reason session { id privateNotes } } } }`,
    variables: { id: ids.engagementId },
  }),
};

interface Ids {
  clientId: string;
  engagementId: string;
  notedSessionId: string;
  actionItemId: string;
  goalId: string;
  sponsorId: string;
  contactId: string;
}

describe('privacy: private notes never reach a client or a sponsor', () => {
  let api: TestApi;
  let coach: OwnerSession;
  let client: Session;
  let ids: Ids;
  const secret = `PRIVATE-${randomUUID()}`;

  beforeAll(async () => {
    api = await TestApi.start();
    coach = await anOwner(api);
    const sponsor = await api
      .as(coach.token)
      .gql(`mutation { createSponsor(input: { organisation: "Initech", contactName: "Bill", contactEmail: "bill@initech.test" }) { id } }`);
    const record = await aClient(api, coach);
    const engagement = await anEngagement(api, coach, record.id, { sponsorId: sponsor.createSponsor.id });
    const as = api.as(coach.token);
    // Notes on every session, past and future; one session completed with a published summary.
    for (const session of engagement.sessions) {
      await as.gql(`mutation($id: ID!, $n: String!) { writePrivateNotes(id: $id, notes: $n) { id } }`, {
        id: session.id,
        n: `${secret} about ${session.sequence}`,
      });
    }
    const noted = engagement.sessions[0];
    // It took place (the sponsor report counts only sessions that started by now).
    await api.sql(`UPDATE coaching_session SET starts_at = starts_at - interval '400 days' WHERE id = $1`, [noted.id]);
    await as.gql(`mutation($id: ID!) { publishSessionSummary(id: $id, summary: "Shared: we agreed to update the CV") { id } }`, {
      id: noted.id,
    });
    await as.gql(`mutation($id: ID!) { completeSession(id: $id) { id } }`, { id: noted.id });
    const goal = await as.gql(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        engagementId: engagement.id,
        title: 'Reach VP',
        category: 'CAREER',
        horizon: 'THREE_YEARS',
        metric: { name: 'Level', unit: 'grade', baseline: 1, target: 4 },
      },
    });
    const item = await as.gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, sessionId: noted.id, title: 'Update CV', dueDate: '2027-01-10' },
    });
    await as.gql(`mutation($id: ID!) { addActionItemComment(actionItemId: $id, body: "Coach comment") { id } }`, {
      id: item.createActionItem.id,
    });
    await as.gql(
      `mutation($id: ID!) { saveCareerPlanRevision(engagementId: $id, input: { strengthsInventory: "Finance, people" }) { number } }`,
      { id: engagement.id },
    );
    const contact = await as.gql(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
      input: { clientId: record.id, name: 'Priya Shah', notes: 'Met at the fintech meetup' },
    });
    client = await aClientLogin(api, coach, record.id);
    ids = {
      contactId: contact.createContact.id,
      clientId: record.id,
      engagementId: engagement.id,
      notedSessionId: noted.id,
      actionItemId: item.createActionItem.id,
      goalId: goal.createGoal.id,
      sponsorId: sponsor.createSponsor.id,
    };
  });
  afterAll(async () => {
    await api?.close();
  });

  it('classifies every query in the schema (a new query must be added to this test)', async () => {
    const introspection = await api.as(coach.token).gql(`{ __schema { queryType { fields { name } } } }`);
    const names = introspection.__schema.queryType.fields.map((f: { name: string }) => f.name).sort();
    expect(names).toEqual([...Object.keys(CLIENT_QUERIES), ...Object.keys(STAFF_ONLY_QUERIES)].sort());
  });

  it.each(Object.keys(CLIENT_QUERIES))('a client running %s gets data but never the note', async (name) => {
    const { query, variables } = CLIENT_QUERIES[name](ids);
    const { body } = await api.as(client.token).raw(query, variables);
    expect(body.errors).toBeUndefined();
    const json = JSON.stringify(body);
    expect(json).not.toContain(secret);
    expect(json).not.toContain('PRIVATE-');
  });

  it('a client sees the published summary (so the checks above look at real data)', async () => {
    const { body } = await api.as(client.token).raw(CLIENT_QUERIES.session(ids).query, { id: ids.notedSessionId });
    expect(JSON.stringify(body)).toContain('we agreed to update the CV');
  });

  it.each(Object.keys(STAFF_ONLY_QUERIES))('a client running %s is refused', async (name) => {
    const { query, variables } = STAFF_ONLY_QUERIES[name](ids);
    const { body } = await api.as(client.token).raw(query, variables);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('a client asking for privateNotes outright is refused, and the rest of the answer holds no note', async () => {
    const { body } = await api.as(client.token).raw(`{ sessions(first: 100) { edges { node { id privateNotes } } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('the sponsor-facing report holds attendance and progress, never note or summary text', async () => {
    const { body } = await api
      .as(coach.token)
      .raw(
        `query($id: ID!) { sponsorReport(engagementId: $id) { title status sessionsCompleted sessionsScheduled attendanceRate goals { title progress } } }`,
        { id: ids.engagementId },
      );
    expect(body.errors).toBeUndefined();
    expect((body.data as any).sponsorReport.sessionsCompleted).toBe(1);
    const json = JSON.stringify(body);
    expect(json).not.toContain(secret);
    expect(json).not.toContain('we agreed to update the CV');
  });

  it('the coach does see their own notes (the secret is really there)', async () => {
    const { body } = await api.as(coach.token).raw(`query($id: ID!) { session(id: $id) { privateNotes } }`, { id: ids.notedSessionId });
    expect(JSON.stringify(body)).toContain(secret);
  });

  it('the audit trail records that notes were written, never what they say', async () => {
    const rows = await api.sql(`SELECT details::text AS details FROM audit_event`);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});
