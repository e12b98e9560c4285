import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const CREATE_GOAL = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id title category horizon targetDate metric { name unit baseline target } progress latestCheckIn { id } } }`;
const UPDATE_GOAL = `mutation($id: ID!, $input: UpdateGoalInput!) { updateGoal(id: $id, input: $input) { id title targetDate metric { baseline target } progress } }`;
const DELETE_GOAL = `mutation($id: ID!) { deleteGoal(id: $id) }`;
const CHECK_IN = `mutation($goalId: ID!, $input: GoalCheckInInput!) { addGoalCheckIn(goalId: $goalId, input: $input) { id value note recordedAt recordedBy { id } goal { id progress } } }`;
const GOAL = `query($id: ID!) { goal(id: $id) { id title progress latestCheckIn { value recordedBy { id } } checkIns { value note recordedBy { id } } } }`;
const SAVE_PLAN = `mutation($engagementId: ID!, $input: CareerPlanRevisionInput!) { saveCareerPlanRevision(engagementId: $engagementId, input: $input) { number strengthsInventory marketAnalysis createdAt author { id } } }`;
const PLAN = `query($id: ID!) { engagement(id: $id) { careerPlan { id latestRevision { number strengthsInventory gapsAndThreats marketAnalysis } } } }`;
const SPONSOR_REPORT = `query($id: ID!) { sponsorReport(engagementId: $id) {
  engagementId clientName sponsorOrganisation title status phase startDate endDate sessionsAllotted
  sessionsCompleted sessionsNoShow sessionsCancelled sessionsScheduled attendanceRate goals { title category horizon progress } } }`;
const AUDIT = `query($entityId: ID, $first: Int, $after: String) { auditEvents(entityId: $entityId, first: $first, after: $after) {
  edges { cursor node { id action entityType entityId details occurredAt actor { id } } } pageInfo { hasNextPage endCursor } } }`;

const SECTIONS = {
  strengthsInventory: 'Strong operator; builds teams',
  gapsAndThreats: 'No board exposure',
  directionAndOpportunities: 'COO of a scale-up',
  marketAnalysis: 'Series B fintechs hiring operators',
  compensationPlan: 'Base 150k plus equity',
  strategyAndTimetable: 'Two advisory roles by Q3',
  brandingAndNetworking: 'Speak at two meetups',
};

const salaryGoal = (engagementId: string, overrides: Record<string, unknown> = {}) => ({
  engagementId,
  title: 'Raise base salary',
  category: 'FINANCIAL',
  horizon: 'ONE_YEAR',
  targetDate: '2027-06-30',
  metric: { name: 'Base salary', unit: 'GBP', baseline: 100_000, target: 150_000 },
  ...overrides,
});

describe('goals, career plans, the sponsor report and the audit trail over GraphQL', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;
  let client: { id: string; name: string };
  let clientLogin: Session;
  let engagementId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    client = await aClient(api, coach);
    clientLogin = await aClientLogin(api, coach, client.id);
    engagementId = (await anEngagement(api, coach, client.id)).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const createGoal = async (overrides: Record<string, unknown> = {}, forEngagement = engagementId) =>
    (await api.as(coach.token).gql(CREATE_GOAL, { input: salaryGoal(forEngagement, overrides) })).createGoal;
  const checkIn = async (who: Session, goalId: string, input: Record<string, unknown>) =>
    (await api.as(who.token).gql(CHECK_IN, { goalId, input })).addGoalCheckIn;

  it('tracks a goal’s progress from check-ins by the coach and by the client', async () => {
    const goal = await createGoal();
    expect(goal).toMatchObject({ category: 'FINANCIAL', horizon: 'ONE_YEAR', targetDate: '2027-06-30', progress: 0, latestCheckIn: null });
    expect(goal.metric).toEqual({ name: 'Base salary', unit: 'GBP', baseline: 100_000, target: 150_000 });

    const halfway = await checkIn(coach, goal.id, {
      value: 125_000,
      note: 'Promotion offer',
      recordedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
    expect(halfway).toMatchObject({
      value: 125_000,
      note: 'Promotion offer',
      recordedBy: { id: coach.userId },
      goal: { id: goal.id, progress: 0.5 },
    });

    // The client records their own measurements; past the target clamps to 1, below the baseline to 0.
    const beyond = await checkIn(clientLogin, goal.id, { value: 160_000 });
    expect(beyond).toMatchObject({ recordedBy: { id: clientLogin.userId }, goal: { progress: 1 } });
    expect(Date.now() - new Date(beyond.recordedAt).getTime()).toBeLessThan(60_000);
    await checkIn(coach, goal.id, { value: 90_000 });

    const asClient = (await api.as(clientLogin.token).gql(GOAL, { id: goal.id })).goal;
    expect(asClient).toMatchObject({ progress: 0, latestCheckIn: { value: 90_000, recordedBy: { id: coach.userId } } });
    expect(asClient.checkIns.map((c: { value: number }) => c.value)).toEqual([90_000, 160_000, 125_000]);

    const view = await api
      .as(coach.token)
      .gql(
        `query($id: ID!, $goalId: ID!) { engagement(id: $id) { goals { id progress } } goal(id: $goalId) { checkIns(first: 1) { value } } }`,
        { id: engagementId, goalId: goal.id },
      );
    expect(view.engagement.goals).toContainEqual({ id: goal.id, progress: 0 });
    expect(view.goal.checkIns).toEqual([{ value: 90_000 }]);

    expect(await api.as(clientLogin.token).errorCode(CREATE_GOAL, { input: salaryGoal(engagementId) })).toBe('FORBIDDEN');
  });

  it('updates a goal, recomputing progress, and deletes it with its check-ins', async () => {
    const goal = await createGoal();
    await checkIn(coach, goal.id, { value: 125_000 });

    const updated = (
      await api.as(coach.token).gql(UPDATE_GOAL, {
        id: goal.id,
        input: { title: 'Reach 200k', targetDate: null, metric: { name: 'Base salary', unit: 'GBP', baseline: 100_000, target: 200_000 } },
      })
    ).updateGoal;
    expect(updated).toEqual({
      id: goal.id,
      title: 'Reach 200k',
      targetDate: null,
      metric: { baseline: 100_000, target: 200_000 },
      progress: 0.25,
    });
    expect(await api.as(clientLogin.token).errorCode(UPDATE_GOAL, { id: goal.id, input: { title: 'Mine now' } })).toBe('FORBIDDEN');
    expect(await api.as(clientLogin.token).errorCode(DELETE_GOAL, { id: goal.id })).toBe('FORBIDDEN');

    expect((await api.as(coach.token).gql(DELETE_GOAL, { id: goal.id })).deleteGoal).toBe(true);
    expect(await api.as(coach.token).errorCode(GOAL, { id: goal.id })).toBe('NOT_FOUND');
    expect(await api.sql('SELECT 1 FROM goal_check_in WHERE goal_id = $1', [goal.id])).toEqual([]);
    const events = await api.sql<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY id',
      [goal.id],
    );
    expect(events.map((e) => e.action)).toEqual(['goal.created', 'goal.checked_in', 'goal.updated', 'goal.deleted']);
    expect(events[2].details).toEqual({ fields: ['title', 'targetDate', 'metricName', 'metricUnit', 'metricBaseline', 'metricTarget'] });
  });

  it('keeps the career plan as numbered revisions, carrying omitted sections over', async () => {
    const { id } = await anEngagement(api, coach, client.id, { activate: false });
    expect((await api.as(coach.token).gql(PLAN, { id })).engagement.careerPlan).toBeNull();

    const first = (await api.as(coach.token).gql(SAVE_PLAN, { engagementId: id, input: SECTIONS })).saveCareerPlanRevision;
    expect(first).toMatchObject({ number: 1, strengthsInventory: SECTIONS.strengthsInventory, author: { id: coach.userId } });
    const second = (await api.as(coach.token).gql(SAVE_PLAN, { engagementId: id, input: { marketAnalysis: 'Late-stage climate tech' } }))
      .saveCareerPlanRevision;
    expect(second).toMatchObject({ number: 2, strengthsInventory: SECTIONS.strengthsInventory, marketAnalysis: 'Late-stage climate tech' });

    const before = new Date(new Date(first.createdAt).getTime() - 1000).toISOString();
    const plan = (
      await api.as(coach.token).gql(
        `query($id: ID!, $before: DateTime!, $first: DateTime!, $second: DateTime!) { engagement(id: $id) { careerPlan {
        id revisions { number } revision(number: 1) { marketAnalysis compensationPlan }
        none: revisionAsOf(at: $before) { number } q1: revisionAsOf(at: $first) { number } q2: revisionAsOf(at: $second) { number } } } }`,
        { id, before, first: first.createdAt, second: second.createdAt },
      )
    ).engagement.careerPlan;
    expect(plan).toEqual({
      id: expect.any(String),
      revisions: [{ number: 2 }, { number: 1 }],
      revision: { marketAnalysis: SECTIONS.marketAnalysis, compensationPlan: SECTIONS.compensationPlan },
      none: null,
      q1: { number: 1 },
      q2: { number: 2 },
    });

    // The client reads their own plan but cannot write it.
    expect((await api.as(clientLogin.token).gql(PLAN, { id })).engagement.careerPlan.latestRevision).toEqual({
      number: 2,
      strengthsInventory: SECTIONS.strengthsInventory,
      gapsAndThreats: SECTIONS.gapsAndThreats,
      marketAnalysis: 'Late-stage climate tech',
    });
    expect(await api.as(clientLogin.token).errorCode(SAVE_PLAN, { engagementId: id, input: { gapsAndThreats: 'none' } })).toBe('FORBIDDEN');

    const events = await api.sql<{ action: string; details: unknown }>(
      'SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY id',
      [plan.id],
    );
    expect(events).toEqual([
      { action: 'career_plan.revised', details: { number: 1, sections: Object.keys(SECTIONS) } },
      { action: 'career_plan.revised', details: { number: 2, sections: ['marketAnalysis'] } },
    ]);
  });

  it('numbers concurrent saves of one plan consecutively', async () => {
    const { id } = await anEngagement(api, coach, client.id, { activate: false });
    const saves = await Promise.all(
      [1, 2, 3, 4].map((n) => api.as(coach.token).gql(SAVE_PLAN, { engagementId: id, input: { strategyAndTimetable: `draft ${n}` } })),
    );
    expect(saves.map((s) => s.saveCareerPlanRevision.number).sort()).toEqual([1, 2, 3, 4]);
    expect(await api.sql('SELECT id FROM career_plan WHERE engagement_id = $1', [id])).toHaveLength(1);
  });

  it('reports attendance and goal progress to the sponsor, and no note, summary or agenda text', async () => {
    const sponsor = await api
      .as(coach.token)
      .gql(`mutation { createSponsor(input: { organisation: "Acme Bank", contactName: "Hana HR", contactEmail: "hr@acme.test" }) { id } }`);
    const engagement = await anEngagement(api, coach, client.id, { sponsorId: sponsor.createSponsor.id, sessionsAllotted: 6 });
    expect(engagement.sessions).toHaveLength(6);
    const [held, missed, dropped, next] = engagement.sessions;
    const as = api.as(coach.token);
    // Attendance counts sessions that took place: the held and the missed one started in the past.
    await api.sql(`UPDATE coaching_session SET starts_at = starts_at - interval '400 days' WHERE id = ANY($1)`, [[held.id, missed.id]]);
    await as.gql(`mutation($id: ID!) { updateSession(id: $id, input: { agenda: "AGENDA-SECRET" }) { id } }`, { id: next.id });
    await as.gql(`mutation($id: ID!) { completeSession(id: $id) { id } }`, { id: held.id });
    await as.gql(`mutation($id: ID!) { writePrivateNotes(id: $id, notes: "PRIVATE-NOTE-SECRET") { id } }`, { id: held.id });
    await as.gql(`mutation($id: ID!) { publishSessionSummary(id: $id, summary: "PUBLISHED-SUMMARY-SECRET") { id } }`, { id: held.id });
    await as.gql(`mutation($id: ID!) { markSessionNoShow(id: $id) { id } }`, { id: missed.id });
    await as.gql(`mutation($id: ID!) { cancelSession(id: $id) { id } }`, { id: dropped.id });
    const goal = await createGoal(
      { title: 'Lead a team of 10', category: 'CAREER', metric: { name: 'Reports', unit: 'people', baseline: 2, target: 10 } },
      engagement.id,
    );
    await checkIn(coach, goal.id, { value: 4, note: 'NOTE-SECRET' });
    await createGoal({ title: 'PRIVATE-GOAL-SECRET' }, engagement.id);
    expect((await as.gql(SPONSOR_REPORT, { id: engagement.id })).sponsorReport.goals).toEqual([]);
    await api
      .as(clientLogin.token)
      .gql(`mutation($id: ID!) { setGoalSharedWithSponsor(goalId: $id, shared: true) { id } }`, { id: goal.id });

    const report = (await as.gql(SPONSOR_REPORT, { id: engagement.id })).sponsorReport;
    expect(report).toEqual({
      engagementId: engagement.id,
      clientName: client.name,
      sponsorOrganisation: 'Acme Bank',
      title: 'Leadership transition',
      status: 'ACTIVE',
      phase: 'DISCOVER',
      startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endDate: null,
      sessionsAllotted: 6,
      sessionsCompleted: 1,
      sessionsNoShow: 1,
      sessionsCancelled: 1,
      sessionsScheduled: 3,
      attendanceRate: 0.5,
      goals: [{ title: 'Lead a team of 10', category: 'CAREER', horizon: 'ONE_YEAR', progress: 0.25 }],
    });
    expect(JSON.stringify(report)).not.toMatch(/SECRET/);

    const fresh = await anEngagement(api, coach, client.id, { activate: false });
    expect((await as.gql(SPONSOR_REPORT, { id: fresh.id })).sponsorReport).toMatchObject({
      sponsorOrganisation: null,
      attendanceRate: null,
      sessionsScheduled: 0,
      goals: [],
    });
    expect(await api.as(clientLogin.token).errorCode(SPONSOR_REPORT, { id: engagement.id })).toBe('FORBIDDEN');
  });

  it('lists the audit trail to owners only, newest first, a page at a time', async () => {
    const goal = await createGoal();
    await checkIn(coach, goal.id, { value: 110_000, note: 'AUDIT-NOTE-SECRET' });
    await checkIn(clientLogin, goal.id, { value: 120_000 });
    await api.as(coach.token).gql(UPDATE_GOAL, { id: goal.id, input: { title: 'Raise base salary to 150k' } });

    const page1 = (await api.as(owner.token).gql(AUDIT, { entityId: goal.id, first: 2 })).auditEvents;
    expect(page1.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['goal.updated', 'goal.checked_in']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await api.as(owner.token).gql(AUDIT, { entityId: goal.id, first: 2, after: page1.pageInfo.endCursor })).auditEvents;
    expect(page2.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['goal.checked_in', 'goal.created']);
    expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[1].cursor });

    const [updated, byClient] = page1.edges.map((e: { node: unknown }) => e.node);
    expect(updated).toMatchObject({ entityType: 'Goal', entityId: goal.id, actor: { id: coach.userId } });
    expect(JSON.parse(updated.details)).toEqual({ fields: ['title'] });
    expect(byClient.actor).toEqual({ id: clientLogin.userId });
    expect(JSON.stringify([page1, page2])).not.toMatch(/SECRET|110000|120000/);

    const everything = (await api.as(owner.token).gql(AUDIT, { first: 100 })).auditEvents.edges.map((e: { node: { id: string } }) =>
      Number(e.node.id),
    );
    expect(everything).toEqual([...everything].sort((a, b) => b - a));

    expect(await api.as(coach.token).errorCode(AUDIT, {})).toBe('FORBIDDEN');
    expect(await api.as(clientLogin.token).errorCode(AUDIT, {})).toBe('FORBIDDEN');
    expect(await api.as(owner.token).errorCode(AUDIT, { after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND to other coaches, other practices and other clients', async () => {
    const goal = await createGoal();
    await api.as(coach.token).gql(SAVE_PLAN, { engagementId, input: SECTIONS });
    const coachB = await aCoach(api, owner, 'Bea Coach');
    const otherOwner = await anOwner(api);
    const otherClient = await aClient(api, coach);
    const otherClientLogin = await aClientLogin(api, coach, otherClient.id);

    for (const stranger of [coachB, otherOwner]) {
      const as = api.as(stranger.token);
      expect(await as.errorCode(GOAL, { id: goal.id })).toBe('NOT_FOUND');
      expect(await as.errorCode(PLAN, { id: engagementId })).toBe('NOT_FOUND');
      expect(await as.errorCode(SPONSOR_REPORT, { id: engagementId })).toBe('NOT_FOUND');
      expect(await as.errorCode(UPDATE_GOAL, { id: goal.id, input: { title: 'Hijacked' } })).toBe('NOT_FOUND');
      expect(await as.errorCode(DELETE_GOAL, { id: goal.id })).toBe('NOT_FOUND');
      expect(await as.errorCode(CHECK_IN, { goalId: goal.id, input: { value: 1 } })).toBe('NOT_FOUND');
      expect(await as.errorCode(CREATE_GOAL, { input: salaryGoal(engagementId) })).toBe('NOT_FOUND');
      expect(await as.errorCode(SAVE_PLAN, { engagementId, input: { gapsAndThreats: 'Hijacked' } })).toBe('NOT_FOUND');
    }
    expect((await api.as(otherOwner.token).gql(AUDIT, { entityId: goal.id })).auditEvents.edges).toEqual([]);

    const asOtherClient = api.as(otherClientLogin.token);
    expect(await asOtherClient.errorCode(GOAL, { id: goal.id })).toBe('NOT_FOUND');
    expect(await asOtherClient.errorCode(CHECK_IN, { goalId: goal.id, input: { value: 1 } })).toBe('NOT_FOUND');
    expect(await asOtherClient.errorCode(PLAN, { id: engagementId })).toBe('NOT_FOUND');

    expect(await api.sql('SELECT 1 FROM goal_check_in WHERE goal_id = $1', [goal.id])).toEqual([]);
    expect((await api.sql('SELECT title FROM goal WHERE id = $1', [goal.id]))[0]).toEqual({ title: 'Raise base salary' });
    // The practice owner reaches every client's records.
    expect((await api.as(owner.token).gql(GOAL, { id: goal.id })).goal.id).toBe(goal.id);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const { id } = await anEngagement(api, coach, client.id, { activate: false });
    const goal = await createGoal({}, id);
    const counts = async () =>
      (
        await api.sql(
          `SELECT (SELECT count(*)::int FROM goal WHERE engagement_id = $1) AS goals,
                (SELECT count(*)::int FROM goal_check_in WHERE goal_id = $2) AS check_ins,
                (SELECT count(*)::int FROM career_plan WHERE engagement_id = $1) AS plans,
                (SELECT count(*)::int FROM audit_event WHERE practice_id = $3) AS events`,
          [id, goal.id, owner.practiceId],
        )
      )[0];
    const before = await counts();
    const as = api.as(coach.token);

    expect(
      await as.errorCode(CREATE_GOAL, { input: salaryGoal(id, { metric: { name: 'Salary', unit: 'GBP', baseline: 100, target: 100 } }) }),
    ).toBe('BAD_USER_INPUT');
    expect(await as.errorCode(CREATE_GOAL, { input: salaryGoal(id, { category: 'HEALTH' }) })).toBe('BAD_USER_INPUT');
    expect(await as.errorCode(CREATE_GOAL, { input: salaryGoal(id, { title: 'x'.repeat(201) }) })).toBe('BAD_USER_INPUT');
    expect(await as.errorCode(CREATE_GOAL, { input: salaryGoal(id, { targetDate: '2027-02-30' }) })).toBe('BAD_USER_INPUT');
    expect(
      await as.errorCode(UPDATE_GOAL, { id: goal.id, input: { metric: { name: 'Salary', unit: 'GBP', baseline: 5, target: 5 } } }),
    ).toBe('BAD_USER_INPUT');
    expect(await as.errorCode(SAVE_PLAN, { engagementId: id, input: { ...SECTIONS, marketAnalysis: 'x'.repeat(20_001) } })).toBe(
      'BAD_USER_INPUT',
    );
    const future = new Date(Date.now() + 5 * 60_000).toISOString();
    expect(await api.as(clientLogin.token).errorCode(CHECK_IN, { goalId: goal.id, input: { value: 1, recordedAt: future } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await as.errorCode(CHECK_IN, { goalId: goal.id, input: { value: 1, note: 'x'.repeat(2001) } })).toBe('BAD_USER_INPUT');

    const baseline = await api
      .as(owner.token)
      .raw(CREATE_GOAL, { input: salaryGoal(id, { metric: { name: 'Salary', unit: 'GBP', baseline: 1, target: 1 } }) });
    expect(baseline.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'metric.target' });
    expect(await counts()).toEqual(before);
  });
});
