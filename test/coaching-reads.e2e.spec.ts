import { randomUUID } from 'node:crypto';
import { CoachingReads, Db } from '#tandem/coaching';
import { aClient, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

/** The statements behind CoachingReads, the port through which notifications read coaching. */
describe('CoachingReads (what notifications read of coaching)', () => {
  let api: TestApi;
  let reads: CoachingReads;
  let coach: OwnerSession;
  let client: { id: string; name: string; email: string };
  let engagement: { id: string; sessions: Array<{ id: string; startsAt: string }> };

  const insertItem = (title: string, dueDate: string | null, status = 'OPEN', sessionId: string | null = null) =>
    api.sql(
      `INSERT INTO action_item (practice_id, client_id, engagement_id, session_id, title, due_date, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [coach.practiceId, client.id, engagement.id, sessionId, title, dueDate, status],
    );

  beforeAll(async () => {
    api = await TestApi.start();
    reads = api.app.get(CoachingReads);
    coach = await anOwner(api, { practiceName: 'North Star Coaching' });
    client = await aClient(api, coach, { name: 'Rita Reader' });
    engagement = await anEngagement(api, coach, client.id);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reads a session with its people, practice and (when asked) its client’s open items, undated last', async () => {
    const session = engagement.sessions[0];
    await insertItem('Undated', null);
    await insertItem('Later', '2099-02-01', 'OPEN', session.id);
    await insertItem('Sooner', '2000-01-01');
    await insertItem('Finished', '2000-01-01', 'DONE');

    const details = await reads.session(session.id, { withOpenItems: true });
    expect(details).toMatchObject({
      id: session.id,
      status: 'SCHEDULED',
      startsAt: new Date(session.startsAt),
      engagementId: engagement.id,
      clientId: client.id,
      client: { name: 'Rita Reader', email: client.email },
      practiceName: 'North Star Coaching',
      summaryPublishedAt: null,
    });
    expect(details!.openItems).toEqual([
      { title: 'Sooner', dueDate: '2000-01-01' },
      { title: 'Later', dueDate: '2099-02-01' },
      { title: 'Undated', dueDate: null },
    ]);
    expect((await reads.session(session.id))!.openItems).toBeUndefined();
    expect(await reads.openItems(client.id)).toEqual(details!.openItems);
    expect(await reads.openItemsOfSession(session.id)).toEqual([{ title: 'Later', dueDate: '2099-02-01' }]);
    expect(await reads.session(randomUUID())).toBeNull();
  });

  it('reads several sessions in one call, each as session() reads it, leaving out those that do not exist', async () => {
    const [first, second] = engagement.sessions;
    const read = await reads.sessions([second.id, randomUUID(), first.id], { withOpenItems: true });
    const byId = new Map(read.map((details) => [details.id, details]));
    expect([...byId.keys()].sort()).toEqual([first.id, second.id].sort());
    expect(byId.get(first.id)).toEqual(await reads.session(first.id, { withOpenItems: true }));
    expect(byId.get(second.id)).toEqual(await reads.session(second.id, { withOpenItems: true }));
    expect((await reads.sessions([first.id]))[0].openItems).toBeUndefined();
    expect(await reads.sessions([])).toEqual([]);
  });

  it('gives goal progress by the goal rule (at the latest check-in, held within 0–1)', async () => {
    const goal = async (title: string, baseline: number, target: number, values: number[]) => {
      const [row] = await api.sql<{ id: string }>(
        `INSERT INTO goal (practice_id, client_id, engagement_id, title, category, horizon, metric_name, metric_unit, metric_baseline, metric_target)
         VALUES ($1, $2, $3, $4, 'CAREER', 'ONE_YEAR', 'score', 'points', $5, $6) RETURNING id`,
        [coach.practiceId, client.id, engagement.id, title, baseline, target],
      );
      for (const [i, value] of values.entries())
        await api.sql(
          `INSERT INTO goal_check_in (practice_id, client_id, goal_id, value, recorded_at) VALUES ($1, $2, $3, $4, now() - make_interval(days => $5))`,
          [coach.practiceId, client.id, row.id, value, values.length - i],
        );
    };
    await goal('Halfway', 0, 10, [9, 5]);
    await goal('Past the target', 10, 0, [-4]);
    await goal('Not started', 1, 2, []);
    expect(await reads.goals(engagement.id)).toEqual([
      { title: 'Halfway', progress: 0.5 },
      { title: 'Past the target', progress: 1 },
      { title: 'Not started', progress: 0 },
    ]);
  });

  it('reads a coach’s week: sessions in range, clients with overdue items, engagements with nothing scheduled', async () => {
    const first = new Date(engagement.sessions[0].startsAt);
    const week = await reads.coachWeek(coach.userId, new Date(first.getTime() - 1000), new Date(first.getTime() + 1000));
    expect(week.sessions).toEqual([{ clientName: 'Rita Reader', startsAt: first }]);
    // 'Sooner' is overdue; 'Finished' is done, 'Later' and 'Undated' are not due.
    expect(week.clientsWithOverdueItems).toEqual([{ clientName: 'Rita Reader', overdueCount: 1 }]);
    expect(week.engagementsWithoutNextSession).toEqual([]);
    expect((await reads.nextSession(engagement.id))?.startsAt).toEqual(first);
  });

  it('reads people, practices and tokens, and nothing once they are gone', async () => {
    expect(await reads.activeClient(client.id)).toEqual({ name: 'Rita Reader', email: client.email, practiceName: 'North Star Coaching' });
    expect(await reads.activeUser(coach.userId)).toMatchObject({
      name: 'Olive Owner',
      timeZone: 'Europe/London',
      practiceName: 'North Star Coaching',
    });
    expect(await reads.userEmail(coach.userId)).toMatch(/^owner-.*@example\.com$/);
    expect(await reads.practiceName(coach.practiceId)).toBe('North Star Coaching');
    expect(await reads.practiceName(randomUUID())).toBeNull();
    expect(await reads.linkToken(randomUUID())).toBeNull();
    const [token] = await api.sql<{ id: string }>(`SELECT id FROM user_token WHERE practice_id = $1 LIMIT 1`, [coach.practiceId]);
    if (token) expect(await reads.linkToken(token.id)).toMatchObject({ practiceName: 'North Star Coaching' });

    const other = await aClient(api, coach);
    await api.sql(`UPDATE client SET archived_at = now() WHERE id = $1`, [other.id]);
    expect(await reads.activeClient(other.id)).toBeNull();
  });

  it('reads sessions to plan emails for, by id or by scope, with their recipients and reminder times', async () => {
    const [first, second] = engagement.sessions;
    const planned = await reads.sessionsToPlan([first.id, randomUUID()]);
    expect(planned).toEqual([
      {
        id: first.id,
        practiceId: coach.practiceId,
        clientId: client.id,
        startsAt: new Date(first.startsAt),
        version: expect.any(Number),
        status: 'SCHEDULED',
        offsets: [2880, 120],
        client: { email: client.email, userId: null, timeZone: 'America/New_York' },
        coach: { id: coach.userId, email: expect.stringMatching(/^owner-/), timeZone: 'Europe/London' },
        summaryPublishedAt: null,
      },
    ]);
    const ids = (sessions: Array<{ id: string }>) => sessions.map((s) => s.id).sort();
    const future = await reads.futureSessionsToPlan({ clientId: client.id }, new Date(first.startsAt));
    expect(ids(future)).toContain(second.id);
    expect(ids(future)).not.toContain(first.id);
    expect(ids(await reads.futureSessionsToPlan({ practiceDefaults: coach.practiceId }, new Date()))).toContain(first.id);
    const byAddress = await reads.futureSessionsToPlan(
      { practiceId: coach.practiceId, recipientEmail: client.email.toUpperCase() },
      new Date(),
    );
    expect(ids(byAddress)).toEqual(ids(await reads.futureSessionsToPlan({ clientId: client.id }, new Date())));
    await api.sql(`UPDATE client SET reminder_offsets_minutes = '{60}' WHERE id = $1`, [client.id]);
    expect((await reads.sessionsToPlan([first.id]))[0].offsets).toEqual([60]);
    expect(ids(await reads.futureSessionsToPlan({ practiceDefaults: coach.practiceId }, new Date()))).not.toContain(first.id);
    await api.sql(`UPDATE client SET reminder_offsets_minutes = NULL WHERE id = $1`, [client.id]);
    expect(await reads.clientContact(client.id)).toEqual({
      practiceId: coach.practiceId,
      email: client.email,
      userId: null,
      timeZone: 'America/New_York',
    });
    expect(await reads.clientContact(randomUUID())).toBeNull();
  });

  it('finds the recipients and sessions the periodic planner plans for', async () => {
    // 'Sooner' (2000-01-01) is the earliest open dated item.
    expect(await reads.earliestOpenDueDate(client.id)).toEqual({ timeZone: 'America/New_York', dueDate: '2000-01-01', followUpDate: null });
    const idle = await aClient(api, coach);
    expect(await reads.earliestOpenDueDate(idle.id)).toEqual({ timeZone: 'America/New_York', dueDate: null, followUpDate: null });
    expect(await reads.earliestOpenDueDate(randomUUID())).toBeNull();

    // Networking follow-ups: the earliest, the clients with one due, and those due by a date.
    const networker = await aClient(api, coach);
    const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`;
    for (const [name, date] of [
      ['Later', '2999-01-01'],
      ['Early', '2000-01-02'],
      ['None', null],
    ] as const) {
      await api.as(coach.token).gql(CREATE, { input: { clientId: networker.id, name, organisation: 'Org', nextFollowUpDate: date } });
    }
    expect(await reads.earliestOpenDueDate(networker.id)).toMatchObject({ dueDate: null, followUpDate: '2000-01-02' });
    const withFollowUps = await reads.clientsWithFollowUpsDue(new Date(), 1);
    expect(withFollowUps).toContainEqual(expect.objectContaining({ id: networker.id, email: networker.email, followUpDate: '2000-01-02' }));
    expect(withFollowUps.map((r) => r.id)).not.toContain(idle.id);
    expect(await reads.followUpsDue(networker.id, '2026-01-01')).toEqual([{ name: 'Early', organisation: 'Org', dueDate: '2000-01-02' }]);

    const due = await reads.clientsWithItemsDue(new Date(), 2);
    expect(due).toContainEqual({
      id: client.id,
      practiceId: coach.practiceId,
      email: client.email,
      userId: null,
      timeZone: 'America/New_York',
    });
    expect(due.map((r) => r.id)).not.toContain(idle.id);

    const coaches = await reads.activeCoaches();
    expect(coaches).toContainEqual(expect.objectContaining({ id: coach.userId, userId: coach.userId, practiceId: coach.practiceId }));

    const first = engagement.sessions[0];
    const days = Math.ceil((new Date(first.startsAt).getTime() - Date.now()) / 86_400_000) + 1;
    const soon = await reads.scheduledSessionsWithin(new Date(), days);
    expect(soon).toContainEqual({ id: first.id, version: expect.any(Number) });
    expect(await reads.scheduledSessionsWithin(new Date(first.startsAt), 0)).toEqual([]);
  });

  it('reads inside the caller’s transaction: what it wrote and has not committed', async () => {
    const db = api.app.get(Db);
    const rolledBack = new Error('roll back');
    await expect(
      db.transaction(async () => {
        await db.manager.query(`UPDATE practice SET name = 'Renamed, uncommitted' WHERE id = $1`, [coach.practiceId]);
        expect(await reads.practiceName(coach.practiceId)).toBe('Renamed, uncommitted');
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await reads.practiceName(coach.practiceId)).toBe('North Star Coaching');
  });
});
