import { TestClock } from '#tandem/clock';
import { encodeCursor } from '#tandem/coaching';
import { aClient, aClientLogin, aCoach, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const TODAY = `query($when: TodaySessionRange!, $first: Int, $after: String, $activityFirst: Int, $activityAfter: String) {
  today {
    timeZone date weekEndsOn activitySeenUpTo unreadActivityCount
    sessions(when: $when, first: $first, after: $after) {
      edges { cursor node {
        session { id startsAt status }
        client { id name }
        previousSummary { sessionId summary }
        openActionItemCount
        openActionItems { title isOverdue }
      } }
      pageInfo { hasNextPage endCursor }
    }
    needsAttention(first: $first) { edges { node { client { name } reasons { kind count description } } } pageInfo { hasNextPage } }
    activity(first: $activityFirst, after: $activityAfter) {
      edges { cursor node { kind subject detail value unread at client { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const SESSION_NAMES = `query($when: TodaySessionRange!, $first: Int, $after: String) {
  today { sessions(when: $when, first: $first, after: $after) { edges { node { client { name } session { startsAt } } } pageInfo { hasNextPage endCursor } } }
}`;
const ACTIVITY = `query($first: Int, $after: String) {
  today { unreadActivityCount activity(first: $first, after: $after) { edges { cursor node { kind subject unread client { name } } } pageInfo { hasNextPage endCursor } } }
}`;
const MARK_SEEN = `mutation($through: String!) { markActivitySeen(through: $through) { activitySeenUpTo unreadActivityCount } }`;
const ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;
const ITEM = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`;
const COMMENT = `mutation($id: ID!, $body: String!) { addActionItemComment(actionItemId: $id, body: $body) { id } }`;

/**
 * Saturday 27 March 2027, 12:00 UTC (12:00 in London, still GMT). London's clocks go forward at
 * 01:00 UTC on Sunday 28 March, so that Sunday is 23 hours long: the week ends at 23:00 UTC.
 */
const NOW = '2027-03-27T12:00:00.000Z';

describe("Today: a coach's sessions, clients needing attention and client activity", () => {
  const clock = new TestClock('2027-03-01T10:00:00Z');
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;
  let otherCoach: Session;
  let annLogin: Session;
  let zedLogin: Session;
  const ids: Record<string, string> = {};

  async function adHocEngagement(who: Session, clientId: string): Promise<string> {
    const data = await api.as(who.token).gql(ENGAGEMENT, {
      input: {
        clientId,
        title: 'Next role',
        startDate: '2027-03-01',
        activate: true,
        cadence: { frequency: 'AD_HOC', localTime: '09:00' },
      },
    });
    return data.createEngagement.id;
  }
  const schedule = async (who: Session, engagementId: string, startsAt: string) =>
    (await api.as(who.token).gql(SCHEDULE, { input: { engagementId, startsAt } })).scheduleSession.id as string;
  const item = async (who: Session, engagementId: string, title: string, dueDate?: string) =>
    (await api.as(who.token).gql(ITEM, { input: { engagementId, title, ...(dueDate ? { dueDate } : {}) } })).createActionItem.id as string;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    owner = await anOwner(api, { timeZone: 'Europe/London' });
    coach = await aCoach(api, owner, 'Carla Coach');
    otherCoach = await aCoach(api, owner, 'Otto Other');

    // Ann (London, logs in): today's session, an earlier one with a shared summary, one in April.
    const ann = await aClient(api, coach, { name: 'Ann Able', timeZone: 'Europe/London' });
    ids.ann = ann.id;
    annLogin = await aClientLogin(api, coach, ann.id);
    const annEngagement = await adHocEngagement(coach, ann.id);
    const earlier = await schedule(coach, annEngagement, '2027-03-10T09:00:00Z');
    ids.annToday = await schedule(coach, annEngagement, '2027-03-27T09:00:00Z');
    await schedule(coach, annEngagement, '2027-04-10T09:00:00Z');
    ids.annOverdue = await item(coach, annEngagement, 'Update the CV', '2027-03-20');
    ids.annDueToday = await item(coach, annEngagement, 'Call two recruiters', '2027-03-27');
    ids.annUndated = await item(coach, annEngagement, 'Read the book');
    ids.annDoneByCoach = await item(coach, annEngagement, 'Coach ticks this');
    const goal = await api.as(coach.token).gql(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        engagementId: annEngagement,
        title: 'Director role',
        category: 'CAREER',
        horizon: 'ONE_YEAR',
        metric: { name: 'Interviews', unit: 'count', baseline: 0, target: 5 },
      },
    });

    // Bob (Auckland, no log-in): Sunday 23:30 in London (this week), Monday 00:30 in London (next
    // week, though still before Monday 00:00 UTC), and Friday 23:30 (yesterday). His item due on
    // the 27th is overdue: it is already the 28th in Auckland.
    const bob = await aClient(api, coach, { name: 'Bob Baker', timeZone: 'Pacific/Auckland' });
    const bobEngagement = await adHocEngagement(coach, bob.id);
    ids.bobSunday = await schedule(coach, bobEngagement, '2027-03-28T22:30:00Z');
    await schedule(coach, bobEngagement, '2027-03-28T23:30:00Z');
    await schedule(coach, bobEngagement, '2027-03-26T23:30:00Z');
    await item(coach, bobEngagement, 'Send thank-you notes', '2027-03-27');

    // Cat: an active engagement whose only session today was cancelled: no next session.
    const cat = await aClient(api, coach, { name: 'Cat Cole', timeZone: 'Europe/London' });
    const catEngagement = await adHocEngagement(coach, cat.id);
    const cancelled = await schedule(coach, catEngagement, '2027-03-27T15:00:00Z');
    await api.as(coach.token).gql(`mutation($id: ID!) { cancelSession(id: $id) { id } }`, { id: cancelled });

    // Another coach's client, and the owner's own: neither is the coach's.
    const zed = await aClient(api, otherCoach, { name: 'Zed Zulu', timeZone: 'Europe/London' });
    zedLogin = await aClientLogin(api, otherCoach, zed.id);
    const zedEngagement = await adHocEngagement(otherCoach, zed.id);
    await schedule(otherCoach, zedEngagement, '2027-03-27T11:00:00Z');
    const zedItem = await item(otherCoach, zedEngagement, 'Zed item', '2027-03-01');
    const olga = await aClient(api, owner, { name: 'Olga Own', timeZone: 'Europe/London' });
    await schedule(owner, await adHocEngagement(owner, olga.id), '2027-03-27T13:00:00Z');

    // The summary of Ann's earlier session, shared after it.
    clock.set('2027-03-10T10:00:00Z');
    await api
      .as(coach.token)
      .gql(`mutation($id: ID!) { publishSessionSummary(id: $id, summary: "We agreed three talking points") { id } }`, {
        id: earlier,
      });

    // What clients did, at times set below so the order is known.
    clock.set('2027-03-26T08:00:00Z');
    await api.as(annLogin.token).gql(`mutation($id: ID!) { completeActionItem(id: $id) { id } }`, { id: ids.annUndated });
    await api.as(coach.token).gql(`mutation($id: ID!) { completeActionItem(id: $id) { id } }`, { id: ids.annDoneByCoach });
    const first = (await api.as(annLogin.token).gql(COMMENT, { id: ids.annOverdue, body: 'Draft sent' })).addActionItemComment.id;
    const second = (await api.as(annLogin.token).gql(COMMENT, { id: ids.annDueToday, body: 'Called one' })).addActionItemComment.id;
    await api.as(coach.token).gql(COMMENT, { id: ids.annOverdue, body: 'Thanks, reading it' });
    const checkIn = await api
      .as(annLogin.token)
      .gql(`mutation($goalId: ID!) { addGoalCheckIn(goalId: $goalId, input: { value: 2, note: "Two interviews" }) { id } }`, {
        goalId: goal.createGoal.id,
      });
    await api.as(zedLogin.token).gql(COMMENT, { id: zedItem, body: 'Zed wrote' });
    await api.sql(`UPDATE action_item_comment SET created_at = $2 WHERE id = $1`, [first, '2027-03-25T10:00:00.000001Z']);
    await api.sql(`UPDATE action_item_comment SET created_at = $2 WHERE id = $1`, [second, '2027-03-27T11:00:00Z']);
    // The coach's answer read the CV item's thread up to Ann's comment (the read point follows the comment's new time).
    await api.sql(`UPDATE action_item_comment_read SET read_at = $2 WHERE user_id = $1`, [coach.userId, '2027-03-25T10:00:00.000001Z']);
    await api.sql(`UPDATE goal_check_in SET created_at = $2 WHERE id = $1`, [checkIn.addGoalCheckIn.id, '2027-03-26T09:00:00Z']);
    clock.set(NOW);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("lists today's sessions by the coach's day, with the last shared summary and the open items", async () => {
    const { today } = await api.as(coach.token).gql(TODAY, { when: 'TODAY' });
    expect([today.timeZone, today.date, today.weekEndsOn]).toEqual(['Europe/London', '2027-03-27', '2027-03-28']);
    expect(today.sessions.edges.map((edge: any) => edge.node)).toEqual([
      {
        session: { id: ids.annToday, startsAt: '2027-03-27T09:00:00.000Z', status: 'SCHEDULED' },
        client: { id: ids.ann, name: 'Ann Able' },
        previousSummary: { sessionId: expect.any(String), summary: 'We agreed three talking points' },
        openActionItemCount: 2,
        openActionItems: [
          { title: 'Update the CV', isOverdue: true },
          { title: 'Call two recruiters', isOverdue: false },
        ],
      },
    ]);
  });

  it('lists later this week up to the end of Sunday in London, a 23-hour day (DST)', async () => {
    const { today } = await api.as(coach.token).gql(SESSION_NAMES, { when: 'LATER_THIS_WEEK' });
    expect(today.sessions.edges.map((edge: any) => [edge.node.client.name, edge.node.session.startsAt])).toEqual([
      ['Bob Baker', '2027-03-28T22:30:00.000Z'],
    ]);
    // On Monday 29th (BST) the week is the next one: Bob's 23:30 UTC session is its Monday, 00:30.
    clock.set('2027-03-29T06:00:00Z');
    try {
      const monday = await api
        .as(coach.token)
        .gql(`{ today { date weekEndsOn sessions(when: TODAY) { edges { node { client { name } } } } } }`);
      expect(monday.today.date).toBe('2027-03-29');
      expect(monday.today.weekEndsOn).toBe('2027-04-04');
      expect(monday.today.sessions.edges.map((edge: any) => edge.node.client.name)).toEqual(['Bob Baker']);
    } finally {
      clock.set(NOW);
    }
  });

  it('pages sessions exactly', async () => {
    clock.set('2027-03-22T08:00:00Z');
    try {
      const names: string[] = [];
      let after: string | null = null;
      do {
        const { today }: any = await api.as(coach.token).gql(SESSION_NAMES, { when: 'LATER_THIS_WEEK', first: 1, after });
        names.push(...today.sessions.edges.map((edge: any) => edge.node.session.startsAt));
        after = today.sessions.pageInfo.hasNextPage ? today.sessions.pageInfo.endCursor : null;
      } while (after);
      // Tuesday to Sunday: Bob's Friday session, Ann's Saturday one, Bob's Sunday one (Cat's was cancelled).
      expect(names).toEqual(['2027-03-26T23:30:00.000Z', '2027-03-27T09:00:00.000Z', '2027-03-28T22:30:00.000Z']);
    } finally {
      clock.set(NOW);
    }
  });

  it('says which clients need attention and why, by name', async () => {
    const { today } = await api.as(coach.token).gql(TODAY, { when: 'TODAY' });
    expect(today.needsAttention.edges.map((edge: any) => edge.node)).toEqual([
      {
        client: { name: 'Ann Able' },
        reasons: [
          { kind: 'OVERDUE_ACTION_ITEMS', count: 1, description: '1 overdue action item' },
          // The coach answered on the CV item, which read that thread: one comment left unread.
          { kind: 'UNREAD_COMMENTS', count: 1, description: '1 unread comment' },
        ],
      },
      { client: { name: 'Bob Baker' }, reasons: [{ kind: 'OVERDUE_ACTION_ITEMS', count: 1, description: '1 overdue action item' }] },
      {
        client: { name: 'Cat Cole' },
        reasons: [{ kind: 'NO_NEXT_SESSION', count: 1, description: 'Active engagement with no next session' }],
      },
    ]);
    // Reading the comments takes that reason away.
    for (const id of [ids.annOverdue, ids.annDueToday]) {
      await api.as(coach.token).gql(`mutation($id: ID!) { markActionItemCommentsRead(actionItemId: $id) { id } }`, { id });
    }
    const after = await api.as(coach.token).gql(TODAY, { when: 'TODAY' });
    expect(after.today.needsAttention.edges[0].node.reasons.map((reason: any) => reason.kind)).toEqual(['OVERDUE_ACTION_ITEMS']);
  });

  it('pages the clients needing attention exactly, by name', async () => {
    const PAGE = `query($first: Int, $after: String) {
      today { needsAttention(first: $first, after: $after) { edges { cursor node { client { name } } } pageInfo { hasNextPage endCursor } } }
    }`;
    const { today } = await api.as(coach.token).gql(TODAY, { when: 'TODAY' });
    const all = today.needsAttention.edges.map((edge: any) => edge.node.client.name);
    expect(all.length).toBeGreaterThan(2);
    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = await api.as(coach.token).gql(PAGE, { first, after });
        const connection = page.today.needsAttention;
        seen.push(...connection.edges.map((edge: any) => edge.node.client.name));
        if (connection.pageInfo.hasNextPage) expect(connection.edges).toHaveLength(first);
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(all);
    }
  });

  it("lists the clients' own activity newest first, the same across pages", async () => {
    const expected = [
      ['ACTION_ITEM_COMMENT', 'Call two recruiters'],
      ['GOAL_CHECK_IN', 'Director role'],
      ['ACTION_ITEM_DONE', 'Read the book'],
      ['ACTION_ITEM_COMMENT', 'Update the CV'],
    ];
    const { today } = await api.as(coach.token).gql(TODAY, { when: 'TODAY' });
    expect(today.activity.edges.map((edge: any) => [edge.node.kind, edge.node.subject])).toEqual(expected);
    expect(today.activity.edges[1].node).toMatchObject({ detail: 'Two interviews', value: 2, client: { name: 'Ann Able' } });
    for (const first of [1, 2, 3]) {
      const seen: string[][] = [];
      let after: string | null = null;
      do {
        const page: any = await api.as(coach.token).gql(ACTIVITY, { first, after });
        seen.push(...page.today.activity.edges.map((edge: any) => [edge.node.kind, edge.node.subject]));
        after = page.today.activity.pageInfo.hasNextPage ? page.today.activity.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
    }
  });

  it('marks activity seen up to an edge, never back, and new activity comes in unread', async () => {
    const before = (await api.as(coach.token).gql(ACTIVITY, { first: 10 })).today;
    expect(before.unreadActivityCount).toBe(4);
    expect(before.activity.edges.every((edge: any) => edge.node.unread)).toBe(true);

    const marked = await api.as(coach.token).gql(MARK_SEEN, { through: before.activity.edges[1].cursor });
    expect(marked.markActivitySeen).toEqual({ activitySeenUpTo: '2027-03-26T09:00:00.000Z', unreadActivityCount: 1 });
    const after = (await api.as(coach.token).gql(ACTIVITY, { first: 10 })).today;
    expect(after.activity.edges.map((edge: any) => edge.node.unread)).toEqual([true, false, false, false]);

    // An older edge does not move the point back.
    await api.as(coach.token).gql(MARK_SEEN, { through: before.activity.edges[3].cursor });
    expect((await api.as(coach.token).gql(ACTIVITY, { first: 10 })).today.unreadActivityCount).toBe(1);

    // Each coach has their own point: the owner's is untouched.
    expect((await api.as(owner.token).gql(`{ today { activitySeenUpTo } }`)).today.activitySeenUpTo).toBeNull();

    const comment = await api.as(annLogin.token).gql(COMMENT, { id: ids.annUndated, body: 'One more thing' });
    await api.sql(`UPDATE action_item_comment SET created_at = $2 WHERE id = $1`, [
      comment.addActionItemComment.id,
      '2027-03-27T11:30:00Z',
    ]);
    const latest = (await api.as(coach.token).gql(ACTIVITY, { first: 10 })).today;
    expect(latest.unreadActivityCount).toBe(2);
    expect(latest.activity.edges.slice(0, 2).map((edge: any) => [edge.node.subject, edge.node.unread])).toEqual([
      ['Read the book', true],
      ['Call two recruiters', true],
    ]);
  });

  it('refuses a through that is not an activity cursor, and writes nothing', async () => {
    const [point] = await api.sql(`SELECT seen_up_to FROM activity_read_point WHERE user_id = $1`, [coach.userId]);
    for (const through of ['garbage', encodeCursor(['2027-03-27', 'COMMENT', ids.ann]), encodeCursor(['NAME', 'Ann'])]) {
      const { body } = await api.as(coach.token).raw(MARK_SEEN, { through });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'through' });
    }
    expect(await api.sql(`SELECT seen_up_to FROM activity_read_point WHERE user_id = $1`, [coach.userId])).toEqual([point]);
  });

  it("never shows another coach's clients; an owner sees their own clients; a client or a stranger is refused", async () => {
    const other = (await api.as(otherCoach.token).gql(TODAY, { when: 'TODAY' })).today;
    expect(other.sessions.edges.map((edge: any) => edge.node.client.name)).toEqual(['Zed Zulu']);
    expect(other.needsAttention.edges.map((edge: any) => edge.node.client.name)).toEqual(['Zed Zulu']);
    expect(other.activity.edges.map((edge: any) => [edge.node.client.name, edge.node.detail])).toEqual([['Zed Zulu', 'Zed wrote']]);

    const mine = (await api.as(owner.token).gql(TODAY, { when: 'TODAY' })).today;
    expect(mine.sessions.edges.map((edge: any) => edge.node.client.name)).toEqual(['Olga Own']);
    expect(mine.needsAttention.edges).toEqual([]);
    expect(mine.activity.edges).toEqual([]);

    const coachView = (await api.as(coach.token).gql(TODAY, { when: 'TODAY' })).today;
    const names = JSON.stringify(coachView);
    expect(names).not.toContain('Zed');
    expect(names).not.toContain('Olga');

    const refused = await api.as(annLogin.token).raw(`{ today { date } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.data?.today ?? null).toBeNull();
    expect(await api.as(annLogin.token).errorCode(MARK_SEEN, { through: 'x' })).toBe('FORBIDDEN');
    expect(await api.anonymous().errorCode(`{ today { date } }`)).toBe('UNAUTHENTICATED');
  });
});

describe('Today: statements per request', () => {
  const clock = new TestClock(NOW);
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
  });
  afterAll(async () => {
    await api?.close();
  });

  /**
   * A coach with `size` clients, each with everything Today reads: a client log-in, an active
   * engagement, a session today with a shared summary before it, open and overdue items, a comment,
   * an item done and a goal check-in by the client. Written in SQL: a few statements whatever the size.
   */
  async function statementsFor(size: number): Promise<{ statements: number; today: any }> {
    const coach = await anOwner(api, { timeZone: 'Europe/London' });
    const practice = coach.practiceId;
    await api.sql(
      `WITH people AS (
         INSERT INTO app_user (practice_id, email, name, role, time_zone)
         SELECT $1, 'c' || n || '-' || $3 || '@size.test', 'Client ' || lpad(n::text, 3, '0'), 'CLIENT', 'Europe/London'
           FROM generate_series(1, $4::int) n RETURNING id, name, email)
       INSERT INTO client (practice_id, coach_id, user_id, name, email, time_zone, status)
       SELECT $1, $2, id, name, email, 'Europe/London', 'ACTIVE' FROM people`,
      [practice, coach.userId, coach.userId.slice(0, 8), size],
    );
    await api.sql(
      `INSERT INTO engagement (practice_id, client_id, coach_id, title, phase, status, start_date, session_minutes,
                               cadence_frequency, cadence_anchor_kind, cadence_local_time, cadence_time_zone)
       SELECT practice_id, id, coach_id, 'Next role', 'ACT', 'ACTIVE', '2027-01-01', 60, 'AD_HOC', 'DAY_OF_MONTH', '09:00', 'Europe/London'
         FROM client WHERE practice_id = $1`,
      [practice],
    );
    await api.sql(
      `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes, status,
                                     shared_summary, summary_published_at, origin)
       SELECT e.practice_id, e.client_id, e.id, e.coach_id, s.sequence, s.starts_at, 'Europe/London', 60, s.status, s.summary, s.published, 'AD_HOC'
         FROM engagement e CROSS JOIN (VALUES
           (1, TIMESTAMPTZ '2027-03-10T09:00:00Z', 'COMPLETED', 'Shared summary', TIMESTAMPTZ '2027-03-10T10:00:00Z'),
           (2, TIMESTAMPTZ '2027-03-27T15:00:00Z', 'SCHEDULED', NULL, NULL),
           (3, TIMESTAMPTZ '2027-03-28T15:00:00Z', 'SCHEDULED', NULL, NULL)) s(sequence, starts_at, status, summary, published)
        WHERE e.practice_id = $1`,
      [practice],
    );
    await api.sql(
      `INSERT INTO action_item (practice_id, client_id, engagement_id, title, due_date, status, completed_at, completed_by_id)
       SELECT e.practice_id, e.client_id, e.id, i.title, i.due_date, i.status, i.completed_at, CASE WHEN i.status = 'DONE' THEN c.user_id END
         FROM engagement e JOIN client c ON c.id = e.client_id CROSS JOIN (VALUES
           ('Overdue', DATE '2027-03-01', 'OPEN', NULL::timestamptz),
           ('Open', NULL, 'OPEN', NULL),
           ('Done', NULL, 'DONE', TIMESTAMPTZ '2027-03-26T10:00:00Z')) i(title, due_date, status, completed_at)
        WHERE e.practice_id = $1`,
      [practice],
    );
    await api.sql(
      `INSERT INTO action_item_comment (practice_id, client_id, action_item_id, author_id, body)
       SELECT a.practice_id, a.client_id, a.id, c.user_id, 'A comment' FROM action_item a JOIN client c ON c.id = a.client_id
        WHERE a.practice_id = $1 AND a.title = 'Open'`,
      [practice],
    );
    await api.sql(
      `WITH goals AS (
         INSERT INTO goal (practice_id, client_id, engagement_id, title, category, horizon, metric_name, metric_unit, metric_baseline, metric_target)
         SELECT practice_id, client_id, id, 'Goal', 'CAREER', 'ONE_YEAR', 'Interviews', 'count', 0, 5 FROM engagement WHERE practice_id = $1
         RETURNING id, practice_id, client_id)
       INSERT INTO goal_check_in (practice_id, client_id, goal_id, value, recorded_at, recorded_by_id)
       SELECT g.practice_id, g.client_id, g.id, 1, '2027-03-26T11:00:00Z', c.user_id FROM goals g JOIN client c ON c.id = g.client_id`,
      [practice],
    );
    const response = await api.as(coach.token).raw(TODAY, { when: 'TODAY', first: 100, activityFirst: 100 });
    expect(response.body.errors).toBeUndefined();
    return { statements: Number(response.headers.get('x-sql-statements')), today: (response.body.data as any).today };
  }

  it('answers the whole page in the same number of SQL statements for 10 clients as for 200', async () => {
    const ten = await statementsFor(10);
    const many = await statementsFor(200);
    expect(ten.today.sessions.edges).toHaveLength(10);
    expect(many.today.sessions.edges).toHaveLength(100);
    expect(many.today.sessions.edges.every((edge: any) => edge.node.openActionItems.length === 2 && edge.node.previousSummary)).toBe(true);
    expect(many.today.needsAttention.edges).toHaveLength(100);
    expect(many.today.activity.edges).toHaveLength(100);
    expect(many.today.unreadActivityCount).toBe(600);
    expect(ten.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(ten.statements);
    expect(ten.statements).toBeLessThanOrEqual(12);
    process.stdout.write(`today page: ${ten.statements} SQL statements for 10 clients, ${many.statements} for 200\n`);
  });
});

describe('Today: messages and mid-cycle check-ins', () => {
  const clock = new TestClock('2027-03-27T12:00:00Z');
  let api: TestApi;
  let coach: Session;
  let clientLogin: Session;
  let clientId = '';
  let engagementId = '';
  const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
  const ATTENTION = `query { today { needsAttention(first: 10) { edges { node { client { name } reasons { kind count description } } } } } }`;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    const owner = await anOwner(api, { timeZone: 'Europe/London' });
    coach = await aCoach(api, owner, 'Carla Coach');
    const client = await aClient(api, coach, { name: 'Mia Moss', timeZone: 'Europe/London' });
    clientId = client.id;
    clientLogin = await aClientLogin(api, coach, client.id);
    const data = await api.as(coach.token).gql(ENGAGEMENT, {
      input: {
        clientId,
        title: 'Next role',
        startDate: '2027-03-01',
        activate: true,
        cadence: { frequency: 'AD_HOC', localTime: '09:00' },
      },
    });
    engagementId = data.createEngagement.id;
    await api.as(coach.token).gql(SCHEDULE, { input: { engagementId, startsAt: '2027-04-20T09:00:00Z' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  const reasonsOfMia = async () => {
    const data = await api.as(coach.token).gql(ATTENTION);
    return data.today.needsAttention.edges.find((edge: any) => edge.node.client.name === 'Mia Moss')?.node.reasons ?? [];
  };

  it("lists the client's unanswered messages as a reason and in activity, until the coach answers", async () => {
    await api.as(clientLogin.token).gql(SEND, { input: { engagementId, body: 'Can we talk about the offer?' } });
    await api.as(clientLogin.token).gql(SEND, { input: { engagementId, body: '<b>It expires Friday</b>' } });
    expect(await reasonsOfMia()).toEqual([{ kind: 'UNANSWERED_MESSAGES', count: 2, description: '2 messages waiting for your answer' }]);
    const activity = await api.as(coach.token).gql(ACTIVITY, { first: 10 });
    expect(activity.today.activity.edges.map((edge: any) => [edge.node.kind, edge.node.subject])).toEqual([
      ['MESSAGE', 'Next role'],
      ['MESSAGE', 'Next role'],
    ]);

    await api.as(coach.token).gql(SEND, { input: { engagementId, body: 'Yes: tomorrow at 10?' } });
    expect(await reasonsOfMia()).toEqual([]);
  });

  it('lists a check-in answered Stuck as a reason until a session is held after it, and the answer in activity', async () => {
    const [session] = await api.sql<{ id: string }>(`SELECT id FROM coaching_session WHERE engagement_id = $1`, [engagementId]);
    await api.sql(
      `INSERT INTO check_in (practice_id, client_id, engagement_id, after_session_id, due_date, answer, note, answered_at)
       SELECT practice_id, client_id, engagement_id, id, '2027-03-26', 'STUCK', 'No replies yet', '2027-03-26T10:00:00Z'
         FROM coaching_session WHERE id = $1`,
      [session.id],
    );
    expect(await reasonsOfMia()).toEqual([
      { kind: 'CHECK_IN_HELP', count: 1, description: 'Said “stuck” or “need help” at the mid-cycle check-in' },
    ]);
    const activity = await api.as(coach.token).gql(ACTIVITY, { first: 1 });
    expect(activity.today.activity.edges[0].node).toMatchObject({ kind: 'CHECK_IN_ANSWER', subject: 'STUCK' });

    // A session held after the answer settles it.
    await api.sql(`UPDATE coaching_session SET status = 'COMPLETED', starts_at = '2027-03-27T09:00:00Z' WHERE id = $1`, [session.id]);
    expect((await reasonsOfMia()).map((reason: any) => reason.kind)).not.toContain('CHECK_IN_HELP');
  });
});
