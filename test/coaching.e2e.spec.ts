// Long on purpose: the coaching API end to end (roster, engagements, sessions, the practice, query limits), case by case.
import { DateTime } from 'luxon';
import { expandCadence, type Cadence } from '#tandem/scheduling';
import { justAfter, ShiftedClock, withClockAt } from './support/clock.js';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const ROSTER = `query($first: Int, $after: String, $filter: ClientFilter) {
  clients(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id name status tags openActionItemCount nextSession { startsAt } currentEngagement { title status } latestGoalProgress { progress } coach { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** What the planner should produce for the default test cadence (monthly, the 15th, 09:00) from now on. */
const plannedFromNow = (startDate: string, timeZone = 'America/New_York') =>
  expandCadence({ frequency: 'MONTHLY', anchor: { kind: 'DAY_OF_MONTH', day: 15 }, localTime: '09:00', timeZone } satisfies Cadence, {
    startDate,
    from: new Date(),
    horizonMonths: 12,
  }).length;

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm ccc');

describe('coaching: roster, engagements and sessions', () => {
  // At the real time, moved only to complete a session or share its summary once it has started.
  const clock = new ShiftedClock();
  let api: TestApi;
  let owner: OwnerSession;

  beforeAll(async () => {
    api = await TestApi.start({ clock });
    owner = await anOwner(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('the roster', () => {
    beforeAll(async () => {
      for (const [name, status, tags] of [
        ['Ada Lovelace', 'ACTIVE', ['exec', 'finance']],
        ['Brendan Byrne', 'PROSPECT', []],
        ['Chidi Anagonye', 'PAUSED', ['exec']],
        ['Dana Scully', 'ALUMNI', ['research']],
        ['Eve Moneypenny', 'ACTIVE', ['EXEC ']],
      ] as const) {
        await aClient(api, owner, { name, status, tags, email: `${name.split(' ')[0].toLowerCase()}@roster.test` });
      }
    });

    it('lists clients in name order and pages through them with cursors', async () => {
      const first = await api.as(owner.token).gql(ROSTER, { first: 2 });
      expect(first.clients.edges.map((e: any) => e.node.name)).toEqual(['Ada Lovelace', 'Brendan Byrne']);
      expect(first.clients.pageInfo.hasNextPage).toBe(true);
      const second = await api.as(owner.token).gql(ROSTER, { first: 2, after: first.clients.pageInfo.endCursor });
      expect(second.clients.edges.map((e: any) => e.node.name)).toEqual(['Chidi Anagonye', 'Dana Scully']);
      const third = await api.as(owner.token).gql(ROSTER, { first: 2, after: second.clients.pageInfo.endCursor });
      expect(third.clients.edges.map((e: any) => e.node.name)).toEqual(['Eve Moneypenny']);
      expect(third.clients.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    });

    it('filters by status, tag (normalised) and search', async () => {
      const names = async (filter: Record<string, unknown>) =>
        (await api.as(owner.token).gql(ROSTER, { first: 50, filter })).clients.edges.map((e: any) => e.node.name);
      expect(await names({ status: 'ACTIVE' })).toEqual(['Ada Lovelace', 'Eve Moneypenny']);
      expect(await names({ tag: 'exec' })).toEqual(['Ada Lovelace', 'Chidi Anagonye', 'Eve Moneypenny']);
      expect(await names({ search: 'SCULL' })).toEqual(['Dana Scully']);
      expect(await names({ search: '%' })).toEqual([]);
    });

    it('refuses a page larger than 100 and a cursor it did not make', async () => {
      expect(await api.as(owner.token).errorCode(ROSTER, { first: 101 })).toBe('BAD_USER_INPUT');
      expect(await api.as(owner.token).errorCode(ROSTER, { first: 5, after: 'garbage' })).toBe('BAD_USER_INPUT');
    });

    it('archives a client off the roster, keeping the record', async () => {
      const client = await aClient(api, owner, { name: 'Zed Archived' });
      await api.as(owner.token).gql(`mutation($id: ID!) { archiveClient(id: $id) { status archivedAt } }`, { id: client.id });
      const names = (await api.as(owner.token).gql(ROSTER, { first: 100 })).clients.edges.map((e: any) => e.node.name);
      expect(names).not.toContain('Zed Archived');
      const withArchived = await api.as(owner.token).gql(ROSTER, { first: 100, filter: { includeArchived: true } });
      expect(withArchived.clients.edges.map((e: any) => e.node.name)).toContain('Zed Archived');
    });
  });

  describe('engagements on a cadence', () => {
    it('plans "09:00 on the first Tuesday, quarterly" in the client\'s zone across DST', async () => {
      const client = await aClient(api, owner, { timeZone: 'America/New_York' });
      const engagement = await anEngagement(api, owner, client.id, {
        startDate: '2027-01-01',
        cadence: { frequency: 'QUARTERLY', anchor: 'ORDINAL_WEEKDAY', ordinal: 1, weekday: 2, localTime: '09:00' },
      });
      expect(engagement.sessions.map((s) => local(s.startsAt, 'America/New_York'))).toEqual([
        '2027-01-05 09:00 Tue',
        '2027-04-06 09:00 Tue',
        '2027-07-06 09:00 Tue',
        '2027-10-05 09:00 Tue',
      ]);
      // Winter sessions are 14:00Z, summer ones 13:00Z: the local time holds, the offset moves.
      expect(engagement.sessions.map((s) => s.startsAt.slice(11, 16))).toEqual(['14:00', '13:00', '13:00', '13:00']);
      expect(engagement.sessions.map((s) => s.sequence)).toEqual([1, 2, 3, 4]);
    });

    it('puts a monthly session anchored on the 31st on the last day of shorter months, and honours the allotment', async () => {
      const client = await aClient(api, owner, { timeZone: 'Europe/London' });
      const engagement = await anEngagement(api, owner, client.id, {
        startDate: '2027-01-01',
        sessionsAllotted: 4,
        cadence: { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 31, localTime: '17:30' },
      });
      expect(engagement.sessions.map((s) => local(s.startsAt, 'Europe/London'))).toEqual([
        '2027-01-31 17:30 Sun',
        '2027-02-28 17:30 Sun',
        '2027-03-31 17:30 Wed',
        '2027-04-30 17:30 Fri',
      ]);
    });

    it('keeps a DRAFT engagement unplanned until it is activated', async () => {
      const client = await aClient(api, owner);
      const draft = await anEngagement(api, owner, client.id, { activate: false, startDate: '2027-03-01' });
      expect(draft.sessions).toEqual([]);
      const active = await api
        .as(owner.token)
        .gql(`mutation($id: ID!) { activateEngagement(id: $id) { status sessions { id } } }`, { id: draft.id });
      expect(active.activateEngagement.status).toBe('ACTIVE');
      expect(active.activateEngagement.sessions.length).toBe(plannedFromNow('2027-03-01'));
      expect(await api.as(owner.token).errorCode(`mutation($id: ID!) { activateEngagement(id: $id) { id } }`, { id: draft.id })).toBe(
        'CONFLICT',
      );
    });

    it('makes a prospect an active client when their engagement is activated, and leaves other statuses alone', async () => {
      const prospect = await aClient(api, owner, { status: 'PROSPECT' });
      const draft = await anEngagement(api, owner, prospect.id, { activate: false });
      const statusOf = async (id: string) =>
        (await api.as(owner.token).gql(`query($id: ID!) { client(id: $id) { status } }`, { id })).client.status;
      expect(await statusOf(prospect.id)).toBe('PROSPECT');
      await api.as(owner.token).gql(`mutation($id: ID!) { activateEngagement(id: $id) { id } }`, { id: draft.id });
      expect(await statusOf(prospect.id)).toBe('ACTIVE');

      const paused = await aClient(api, owner, { status: 'PAUSED' });
      await anEngagement(api, owner, paused.id);
      expect(await statusOf(paused.id)).toBe('PAUSED');
    });

    it('reschedules one session without moving the others, and bumps its version', async () => {
      const client = await aClient(api, owner, { timeZone: 'Europe/London' });
      const engagement = await anEngagement(api, owner, client.id, { startDate: '2027-01-01' });
      const [first, second] = engagement.sessions;
      const moved = await api
        .as(owner.token)
        .gql(`mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { startsAt version } }`, {
          id: second.id,
          at: '2027-02-16T10:00:00.000Z',
        });
      expect(moved.rescheduleSession).toEqual({ startsAt: '2027-02-16T10:00:00.000Z', version: 2 });
      const after = await api
        .as(owner.token)
        .gql(`query($id: ID!) { engagement(id: $id) { sessions { id startsAt } } }`, { id: engagement.id });
      expect(after.engagement.sessions.find((s: any) => s.id === first.id).startsAt).toBe(first.startsAt);
      expect(after.engagement.sessions.filter((s: any) => s.startsAt !== '2027-02-16T10:00:00.000Z').map((s: any) => s.startsAt)).toEqual(
        engagement.sessions.filter((s) => s.id !== second.id).map((s) => s.startsAt),
      );
    });

    it('changes the cadence: future scheduled sessions are re-planned, completed ones stay', async () => {
      const client = await aClient(api, owner, { timeZone: 'Europe/London' });
      const start = DateTime.now().minus({ months: 2 }).toISODate();
      const engagement = await anEngagement(api, owner, client.id, {
        startDate: start,
        cadence: { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 15, localTime: '09:00' },
      });
      const [next] = engagement.sessions;
      await withClockAt(clock, justAfter(next.startsAt), () =>
        api.as(owner.token).gql(`mutation($id: ID!) { completeSession(id: $id) { status } }`, { id: next.id }),
      );

      const changed = await api
        .as(owner.token)
        .gql(
          `mutation($id: ID!, $c: CadenceInput!) { changeCadence(id: $id, cadence: $c) { cadence { frequency localTime } sessions { id status startsAt } } }`,
          { id: engagement.id, c: { frequency: 'QUARTERLY', anchor: 'ORDINAL_WEEKDAY', ordinal: -1, weekday: 5, localTime: '16:00' } },
        );
      const sessions = changed.changeCadence.sessions;
      expect(sessions.find((s: any) => s.id === next.id)).toMatchObject({ status: 'COMPLETED', startsAt: next.startsAt });
      const scheduled = sessions.filter((s: any) => s.status === 'SCHEDULED');
      expect(scheduled.length).toBe(4);
      for (const s of scheduled) expect(local(s.startsAt, 'Europe/London')).toMatch(/ 16:00 Fri$/);
      expect(sessions.filter((s: any) => s.status === 'CANCELLED').length).toBeGreaterThan(0);
    });

    it('pauses and completes: future sessions are cancelled', async () => {
      const client = await aClient(api, owner);
      const engagement = await anEngagement(api, owner, client.id);
      const expected = plannedFromNow(new Date().toISOString().slice(0, 10));
      expect(engagement.sessions.length).toBe(expected);
      const paused = await api
        .as(owner.token)
        .gql(`mutation($id: ID!) { pauseEngagement(id: $id) { status sessions(status: SCHEDULED) { id } } }`, { id: engagement.id });
      expect(paused.pauseEngagement).toEqual({ status: 'PAUSED', sessions: [] });
      const resumed = await api
        .as(owner.token)
        .gql(`mutation($id: ID!) { activateEngagement(id: $id) { sessions(status: SCHEDULED) { id } } }`, { id: engagement.id });
      expect(resumed.activateEngagement.sessions.length).toBe(expected);
      const completed = await api
        .as(owner.token)
        .gql(`mutation($id: ID!) { completeEngagement(id: $id) { status sessions(status: SCHEDULED) { id } } }`, { id: engagement.id });
      expect(completed.completeEngagement).toEqual({ status: 'COMPLETED', sessions: [] });
    });
  });

  describe('sessions', () => {
    it('schedules an ad hoc session, writes private notes, publishes a summary and completes it', async () => {
      const client = await aClient(api, owner);
      const engagement = await anEngagement(api, owner, client.id, {
        cadence: { frequency: 'AD_HOC', anchor: 'DAY_OF_MONTH', day: 1, localTime: '09:00' },
      });
      expect(engagement.sessions).toEqual([]);
      const scheduled = await api
        .as(owner.token)
        .gql(
          `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id sequence status durationMinutes meetingUrl timeZone } }`,
          {
            input: {
              engagementId: engagement.id,
              startsAt: '2027-05-04T15:00:00Z',
              meetingUrl: 'https://meet.example.com/abc',
              durationMinutes: 45,
            },
          },
        );
      expect(scheduled.scheduleSession).toMatchObject({
        sequence: 1,
        status: 'SCHEDULED',
        durationMinutes: 45,
        timeZone: 'America/New_York',
      });
      const id = scheduled.scheduleSession.id;
      await api
        .as(owner.token)
        .gql(`mutation($id: ID!) { writePrivateNotes(id: $id, notes: "Seems anxious about the board") { id } }`, { id });
      const [published, done] = await withClockAt(clock, justAfter('2027-05-04T15:00:00Z'), async () => [
        await api
          .as(owner.token)
          .gql(
            `mutation($id: ID!) { publishSessionSummary(id: $id, summary: "We agreed three actions") { privateNotes sharedSummary summaryPublishedAt } }`,
            { id },
          ),
        await api.as(owner.token).gql(`mutation($id: ID!) { completeSession(id: $id) { status completedAt } }`, { id }),
      ]);
      expect(published.publishSessionSummary).toMatchObject({
        privateNotes: 'Seems anxious about the board',
        sharedSummary: 'We agreed three actions',
      });
      expect(done.completeSession).toEqual({ status: 'COMPLETED', completedAt: expect.stringMatching(/^2027-05-04T15:01:/) });
      expect(await api.as(owner.token).errorCode(`mutation($id: ID!) { cancelSession(id: $id) { id } }`, { id })).toBe('CONFLICT');
      const audit = await api.sql(`SELECT action, details::text FROM audit_event WHERE entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a) => a.action)).toEqual([
        'session.scheduled',
        'session.private_notes_written',
        'session.summary_published',
        'session.completed',
      ]);
      expect(JSON.stringify(audit)).not.toContain('anxious');
    });

    it('answers the calendar for a time window in start order', async () => {
      const other = await anOwner(api);
      const client = await aClient(api, other, { timeZone: 'Europe/London' });
      await anEngagement(api, other, client.id, {
        startDate: '2027-01-01',
        cadence: { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 10, localTime: '09:00' },
      });
      const calendar = await api
        .as(other.token)
        .gql(
          `{ sessions(from: "2027-03-01T00:00:00Z", to: "2027-06-01T00:00:00Z", first: 10) { edges { node { startsAt client { id } } } } }`,
        );
      expect(calendar.sessions.edges.map((e: any) => e.node.startsAt)).toEqual([
        '2027-03-10T09:00:00.000Z',
        '2027-04-10T08:00:00.000Z',
        '2027-05-10T08:00:00.000Z',
      ]);
    });
  });

  describe('the roster costs the same handful of SQL statements for 10 and for 100 clients', () => {
    async function rosterStatements(size: number): Promise<number> {
      const coach = await anOwner(api);
      for (let i = 0; i < size; i += 1) {
        const client = await api.as(coach.token).gql(`mutation($input: CreateClientInput!) { createClient(input: $input) { id } }`, {
          input: {
            name: `Roster ${String(i).padStart(3, '0')}`,
            email: `r${i}-${coach.userId.slice(0, 6)}@n1.test`,
            timeZone: 'Europe/London',
            status: 'ACTIVE',
          },
        });
        if (i % 10 === 0) await anEngagement(api, coach, client.createClient.id);
      }
      const response = await api.as(coach.token).raw(ROSTER, { first: 100 });
      expect(response.body.errors).toBeUndefined();
      expect((response.body.data as any).clients.edges).toHaveLength(size);
      return Number(response.headers.get('x-sql-statements'));
    }

    it('counts statements per request', async () => {
      const ten = await rosterStatements(10);
      const hundred = await rosterStatements(100);
      expect(ten).toBeGreaterThan(0);
      expect(hundred).toBe(ten);
      expect(ten).toBeLessThanOrEqual(10);
      process.stdout.write(`roster page: ${ten} SQL statements for 10 clients, ${hundred} for 100\n`);
    });
  });
  describe('the practice and its people', () => {
    it('lets the owner set reminder offsets and list coaches; coaches and clients cannot change the practice', async () => {
      const boss = await anOwner(api);
      const coach = await aCoach(api, boss, 'Beth Coach');
      const updated = await api
        .as(boss.token)
        .gql(`mutation { updatePractice(input: { reminderOffsetsMinutes: [120, 2880, 120] }) { reminderOffsetsMinutes } }`);
      expect(updated.updatePractice.reminderOffsetsMinutes).toEqual([2880, 120]);
      expect((await api.as(coach.token).gql(`{ coaches { name role } }`)).coaches).toEqual([
        { name: 'Beth Coach', role: 'COACH' },
        { name: 'Olive Owner', role: 'OWNER' },
      ]);
      expect(await api.as(coach.token).errorCode(`mutation { updatePractice(input: { name: "Mine now" }) { id } }`)).toBe('FORBIDDEN');
      const client = await aClient(api, coach);
      const login = await aClientLogin(api, coach, client.id);
      expect(await api.as(login.token).errorCode(`{ coaches { id } }`)).toBe('FORBIDDEN');
      const me = await api.as(login.token).gql(`{ me { role client { id name } } practice { name } }`);
      expect(me.me).toEqual({ role: 'CLIENT', client: { id: client.id, name: client.name } });
      expect(me.practice.name).toMatch(/^Practice /);
    });
  });
  describe('query limits', () => {
    // The testers' walk, clients × sessions³ (34,560 objects, 1.7 MB before the budget), in its three spellings.
    const nested = (n: string) =>
      `clients(first: ${n}) { edges { node { engagements { sessions(first: ${n}) { engagement { sessions(first: ${n}) { engagement { sessions(first: ${n}) { id } } } } } } } } }`;
    const statements = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await api.as(owner.token).raw(query, variables);
      return { ...response, statements: Number(response.headers.get('x-sql-statements')) };
    };

    beforeAll(async () => {
      const client = await aClient(api, owner, { name: 'Budget Client' });
      await anEngagement(api, owner, client.id, { startDate: '2027-01-01' });
    });

    it('refuses a query that walks the graph too deep, and one that costs too much', async () => {
      const deep = `{ clients(first: 1) { edges { node { engagements { sessions { engagement { client { engagements { sessions { engagement { client { id } } } } } } } } } } } }`;
      const deepAnswer = await api.as(owner.token).raw(deep);
      expect(deepAnswer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(deepAnswer.body.errors?.[0]?.message).toMatch(/^Query depth limit of 10 exceeded/);

      const wide = Array.from(
        { length: 14 },
        (_, i) =>
          `c${i}: clients(first: 100) { edges { node { engagements { sessions { id startsAt status agenda client { id name email } } } } } }`,
      ).join(' ');
      const wideAnswer = await api.as(owner.token).raw(`{ ${wide} }`);
      expect(wideAnswer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it.each([
      ['first written in the query', `{ ${nested('100')} }`, {}],
      ['first from a variable', `query($n: Int!) { ${nested('$n')} }`, { n: 100 }],
      [
        'first left to its defaults (20 clients, 100 sessions)',
        '{ clients { edges { node { engagements { sessions { engagement { sessions { engagement { sessions { id } } } } } } } } } }',
        {},
      ],
    ])('refuses clients × sessions³ with %s, before any resolver runs', async (_how, query, variables) => {
      const idle = await statements('{ version }');
      const refused = await statements(query, variables);
      expect(refused.body).toEqual({
        errors: [
          {
            message: expect.stringMatching(
              /^This request asks for too much at once \(about [\d,]+ objects\); at most 10,000 objects per request\./,
            ),
            extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', maxCost: 10_000 }),
          },
        ],
      });
      expect(refused.statements).toBe(idle.statements);
    });

    it('answers the same walk with small pages', async () => {
      const { body } = await statements(`query($n: Int!) { ${nested('$n')} }`, { n: 3 });
      expect(body.errors).toBeUndefined();
      expect(body.data?.clients.edges.length).toBe(3);
    });

    it('stops an answer that would hold more than 10,000 objects, whatever the estimate said', async () => {
      // Engagement.goals has no first: estimated at 8, here 5,001 goals, each with its metric.
      const client = await aClient(api, owner, { name: 'Many Goals' });
      const engagement = await anEngagement(api, owner, client.id, { startDate: '2027-01-01' });
      await api.sql(
        `INSERT INTO goal (practice_id, client_id, engagement_id, title, category, horizon, metric_name, metric_unit, metric_baseline, metric_target)
         SELECT e.practice_id, e.client_id, e.id, 'Goal ' || n, 'CAREER', 'ONE_YEAR', 'Score', 'points', 0, 10 FROM engagement e, generate_series(1, 5001) n WHERE e.id = $1`,
        [engagement.id],
      );
      const fits = await api.as(owner.token).raw(`query($id: ID!) { engagement(id: $id) { goals { id } } }`, { id: engagement.id });
      expect(fits.body.errors).toBeUndefined();
      expect(fits.body.data?.engagement.goals).toHaveLength(5001);

      const stopped = await api
        .as(owner.token)
        .raw(`query($id: ID!) { engagement(id: $id) { goals { id metric { name } } } }`, { id: engagement.id });
      expect(stopped.body).toEqual({
        data: null,
        errors: [
          {
            message: expect.stringMatching(/^This answer would hold more than 10,000 objects/),
            extensions: { code: 'QUERY_TOO_COMPLEX', maxObjects: 10_000 },
          },
        ],
      });
    });
  });
});
