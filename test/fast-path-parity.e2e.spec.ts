import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type Session } from './support/factories.js';
import type { GraphQLResponse } from './support/api-client.js';
import { TestApi } from './support/test-api.js';

/**
 * The fast paths answer as the slow ones: every column-selected list (the roster with its
 * summaries in one statement, the sessions and action item lists, the client's portal lists)
 * gives, for every record and every field, the answer the DataLoader/entity path gives for
 * the same record read on its own (`client(id)`, `session(id)`, `actionItem(id)`: whole
 * entities, every summary by its DataLoader).
 *
 * The fields come from the schema, so a new field is compared without a change here. Each list
 * is asked once with every field, and once per field alone (so each column subset is read):
 * an object field once with its own scalars only (what a list can read in its statement) and
 * once with its related objects too (what makes a summary fall back to its DataLoader).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type GraphQLError = { path?: Array<string | number>; extensions?: Record<string, unknown> };
type ListPage = { list: { edges: Array<{ node: Row }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
type Row = Record<string, Json>;

interface ListCase {
  name: string;
  /** The caller's session (the portal: a client's). */
  caller: () => Session;
  /** The list field with its arguments, its node type, and the single-record query field. */
  list: string;
  type: string;
  one: string;
}

/** Sessions `n` days from now (negative: past), at 09:00 UTC. */
const daysFromNow = (n: number) => {
  const at = new Date();
  at.setUTCHours(9, 0, 0, 0);
  at.setUTCDate(at.getUTCDate() + n);
  return at.toISOString();
};
const dateFromNow = (n: number) => daysFromNow(n).slice(0, 10);

describe('fast paths answer as the DataLoader/entity path, field by field', () => {
  let api: TestApi;
  let owner: Session;
  let coach: Session;
  let portal: Session;
  let schemaTypes: (name: string) => GraphQLObjectType;
  const compared = { records: 0, fields: 0 };

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner, 'Beth Coach');
    const as = (session: Session) => api.as(session.token);
    const gql = (session: Session, query: string, variables: Record<string, unknown> = {}) => as(session).gql(query, variables);
    const schedule = (session: Session, engagementId: string, startsAt: string) =>
      gql(session, `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, {
        input: { engagementId, startsAt },
      }).then((d) => d.scheduleSession.id as string);
    const item = (session: Session, input: Record<string, unknown>) =>
      gql(session, `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, { input }).then(
        (d) => d.createActionItem.id as string,
      );
    const goal = (session: Session, engagementId: string, title: string, baseline: number, target: number) =>
      gql(session, `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
        input: { engagementId, title, category: 'CAREER', horizon: 'ONE_YEAR', metric: { name: 'Salary', unit: 'k', baseline, target } },
      }).then((d) => d.createGoal.id as string);
    const checkIn = (session: Session, goalId: string, value: number, recordedAt?: string) =>
      gql(session, `mutation($id: ID!, $input: GoalCheckInInput!) { addGoalCheckIn(goalId: $id, input: $input) { id } }`, {
        id: goalId,
        input: { value, ...(recordedAt ? { recordedAt } : {}) },
      });
    const engagementMutation = (session: Session, name: string, id: string) =>
      gql(session, `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id });
    const itemMutation = (session: Session, name: string, id: string) =>
      gql(session, `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id });
    const comment = (session: Session, actionItemId: string, body: string) =>
      gql(session, `mutation($id: ID!, $body: String!) { addActionItemComment(actionItemId: $id, body: $body) { id } }`, {
        id: actionItemId,
        body,
      });

    // No engagement at all, tagged.
    await aClient(api, owner, { name: 'Nia None', timeZone: 'Pacific/Kiritimati', tags: ['exec', 'remote'] });

    // Several engagements: an ACTIVE one with past, cancelled, moved and future sessions, a COMPLETED and a PAUSED one.
    const sam = await aClient(api, owner, { name: 'Sam Several', timeZone: 'Pacific/Pago_Pago', tags: ['exec'], currentRole: 'CFO' });
    const samOld = await anEngagement(api, owner, sam.id, { startDate: dateFromNow(-200), sessionsAllotted: 2 });
    await engagementMutation(owner, 'completeEngagement', samOld.id);
    const samPaused = await anEngagement(api, owner, sam.id, { startDate: dateFromNow(-100), sessionsAllotted: 2 });
    await engagementMutation(owner, 'pauseEngagement', samPaused.id);
    const samNow = await anEngagement(api, owner, sam.id, { startDate: dateFromNow(-30) });
    const [first, second, third] = samNow.sessions;
    await gql(owner, `mutation($id: ID!) { cancelSession(id: $id) { id } }`, { id: second.id });
    await gql(owner, `mutation($id: ID!, $at: DateTime!) { rescheduleSession(id: $id, startsAt: $at) { id } }`, {
      id: third.id,
      at: daysFromNow(3),
    });
    const past = await schedule(owner, samNow.id, daysFromNow(1));
    await api.sql(`UPDATE coaching_session SET starts_at = now() - interval '10 days' WHERE id = ANY($1)`, [[past, first.id]]);
    await gql(owner, `mutation($id: ID!) { completeSession(id: $id) { id } }`, { id: past });
    await gql(owner, `mutation($id: ID!, $s: String!) { publishSessionSummary(id: $id, summary: $s) { id } }`, { id: past, s: 'Shared' });
    await gql(owner, `mutation($id: ID!, $n: String!) { writePrivateNotes(id: $id, notes: $n) { id } }`, { id: past, n: 'Private' });
    await schedule(owner, samNow.id, daysFromNow(3));
    const samGoal = await goal(owner, samNow.id, 'Board seat', 100, 200);
    await checkIn(owner, samGoal, 120, daysFromNow(-5));
    await checkIn(owner, samGoal, 150, daysFromNow(-2));
    await goal(owner, samNow.id, 'Unmeasured', 0, 10);
    const samItems = [
      await item(owner, { engagementId: samNow.id, title: 'Open, undated' }),
      await item(owner, { engagementId: samNow.id, title: 'Overdue', dueDate: '2020-01-01', sessionId: past, goalId: samGoal }),
      await item(owner, { engagementId: samNow.id, title: 'Due today', dueDate: dateFromNow(0), details: 'Long details' }),
      await item(owner, { engagementId: samNow.id, title: 'Future', dueDate: dateFromNow(20) }),
      await item(owner, { engagementId: samNow.id, title: 'Done', dueDate: '2020-02-01' }),
      await item(owner, { engagementId: samNow.id, title: 'Dropped', dueDate: '2020-03-01' }),
    ];
    await itemMutation(owner, 'completeActionItem', samItems[4]);
    await itemMutation(owner, 'dropActionItem', samItems[5]);
    portal = await aClientLogin(api, owner, sam.id);
    await comment(portal, samItems[1], 'From the client');
    await comment(portal, samItems[2], 'Another from the client');
    await comment(owner, samItems[1], 'From the coach');
    await gql(owner, `mutation($id: ID!) { markActionItemCommentsRead(actionItemId: $id) { id } }`, { id: samItems[2] });
    await comment(portal, samItems[2], 'After the read');
    const message = (session: Session, engagementId: string, body: string) =>
      gql(session, `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, { input: { engagementId, body } });
    await message(portal, samNow.id, 'A message from the client');
    await message(owner, samPaused.id, 'From the coach');
    await message(portal, samPaused.id, 'An answer');
    await gql(owner, `mutation($id: ID!) { markMessagesRead(engagementId: $id) { id } }`, { id: samPaused.id });
    await message(portal, samPaused.id, 'After the read');

    // Only a paused engagement; a goal without check-ins; a completed item.
    const pat = await aClient(api, owner, { name: 'Pat Paused', timeZone: 'Europe/London', status: 'PAUSED' });
    const patEngagement = await anEngagement(api, owner, pat.id, { sessionsAllotted: 3 });
    await goal(owner, patEngagement.id, 'Later', 1, 2);
    await itemMutation(owner, 'completeActionItem', await item(owner, { engagementId: patEngagement.id, title: 'Done early' }));
    await engagementMutation(owner, 'pauseEngagement', patEngagement.id);

    // Only completed engagements (the newest is current); a draft one too.
    const carl = await aClient(api, owner, { name: 'Carl Completed', timeZone: 'Asia/Kolkata', targetRole: 'COO' });
    for (const days of [-300, -150]) {
      const engagement = await anEngagement(api, owner, carl.id, { startDate: dateFromNow(days), sessionsAllotted: 1 });
      await engagementMutation(owner, 'completeEngagement', engagement.id);
    }
    await anEngagement(api, owner, carl.id, { startDate: dateFromNow(30), activate: false });

    // Archived, with an open overdue item and a check-in.
    const ari = await aClient(api, owner, { name: 'Ari Archived', tags: ['remote'] });
    const ariEngagement = await anEngagement(api, owner, ari.id, { sessionsAllotted: 2 });
    await item(owner, { engagementId: ariEngagement.id, title: 'Left open', dueDate: '2021-01-01' });
    await checkIn(owner, await goal(owner, ariEngagement.id, 'Old goal', 10, 0), 5);
    await gql(owner, `mutation($id: ID!) { archiveClient(id: $id) { id } }`, { id: ari.id });

    // The second coach's client: out of the coach's roster for nobody but them and the owner.
    const cora = await aClient(api, coach, { name: 'Cora Coached', timeZone: 'America/Los_Angeles' });
    const coraEngagement = await anEngagement(api, coach, cora.id, { sessionsAllotted: 4 });
    await item(coach, { engagementId: coraEngagement.id, title: 'Coach item', dueDate: dateFromNow(-1) });
    await checkIn(coach, await goal(coach, coraEngagement.id, 'Promotion', 0, 1), 1);

    const { schema } = api.app.get(GraphQLSchemaHost);
    schemaTypes = (name) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
      return type;
    };
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    process.stdout.write(`fast-path parity: ${compared.fields} field answers compared over ${compared.records} records\n`);
  });

  /** `{ a b c }` for a type's fields without required arguments: scalars, and with `related`, each object field's id (or __typename). */
  function ownFields(type: GraphQLObjectType, related: boolean): string {
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      const named = getNamedType(field.type);
      if (isLeafType(named)) parts.push(field.name);
      else if (related && isObjectType(named)) parts.push(`${field.name} { ${'id' in named.getFields() ? 'id' : '__typename'} }`);
    }
    return parts.join(' ');
  }

  /** The selections a list is asked with: all fields, then each field alone (objects without and with their related objects). */
  function selections(typeName: string): Array<[label: string, selection: string]> {
    const type = schemaTypes(typeName);
    const pick = (fieldName: string, related: boolean): string | null => {
      const field = type.getFields()[fieldName];
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return null;
      const named = getNamedType(field.type);
      if (isLeafType(named)) return fieldName;
      if (!isObjectType(named)) return null;
      // __typename in every object, so a field whose object holds only objects (a connection) compares by it too.
      const inner = ownFields(named, related);
      return `${fieldName} { __typename ${inner} }`;
    };
    const names = Object.keys(type.getFields());
    const all = (related: boolean) =>
      names
        .map((name) => pick(name, related))
        .filter(Boolean)
        .join(' ');
    const out: Array<[string, string]> = [
      ['every field', all(false)],
      ['every field, related objects too', all(true)],
    ];
    for (const name of names) {
      const own = pick(name, false);
      const related = pick(name, true);
      if (own) out.push([name, own]);
      if (related && related !== own) out.push([`${name} with related objects`, related]);
    }
    return out;
  }

  /** The answer as text with its keys sorted (responses come from another realm than this file's objects, so compare text). */
  function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    );
  }

  /** The error code at each path (joined with '.') of a response. */
  function errorsByPath(errors: GraphQLError[] | undefined): Map<string, string> {
    return new Map(
      (errors ?? []).map((e) => [(e.path ?? []).join('.'), typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR']),
    );
  }

  /** `value` cut down to the shape of `like` (the keys `like` has, in lists element by element). */
  function project(value: Json | undefined, like: Json): Json | undefined {
    if (value === null || value === undefined || like === null || typeof like !== 'object') return value;
    if (Array.isArray(like)) return Array.isArray(value) ? value.map((v, i) => project(v, like[i] ?? like[0] ?? null) as Json) : value;
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.keys(like).map((key) => [key, project(value[key], like[key]) as Json]));
  }

  /** Every node of a list, page after page, with the error codes found under each node (by node id and field). */
  async function listAll(caller: Session, list: string, selection: string) {
    const nodes: Row[] = [];
    const errors = new Map<string, string>();
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const args: string = list.includes('(') ? list.replace(')', ', first: 10, after: $after)') : `${list}(first: 10, after: $after)`;
      const query = `query($after: String) { list: ${args} { edges { node { id ${selection} } } pageInfo { hasNextPage endCursor } } }`;
      const response: GraphQLResponse<ListPage> = await api.as(caller.token).raw<ListPage>(query, { after });
      const { body } = response;
      const data = body.data;
      if (!data?.list) throw new Error(`${list} { ${selection} } failed: ${JSON.stringify(body.errors)}`);
      nodes.push(...data.list.edges.map((edge) => edge.node));
      for (const [path, code] of errorsByPath(body.errors)) {
        const [, , index, , field] = path.split('.');
        errors.set(`${data.list.edges[Number(index)]?.node?.id as string}.${field}`, code);
      }
      after = data.list.pageInfo.hasNextPage ? data.list.pageInfo.endCursor : null;
      if (!after) return { nodes, errors };
    }
    throw new Error(`${list}: more than 50 pages`);
  }

  /** One record on its own, with every field and their related objects (whole entities; summaries by their DataLoaders). */
  async function readOne(caller: Session, one: string, typeName: string, id: string) {
    const selection = selections(typeName)[1][1];
    const { body } = await api
      .as(caller.token)
      .raw<{ one: Row | null }>(`query($id: ID!) { one: ${one}(id: $id) { id ${selection} } }`, { id });
    const errors = new Map<string, string>();
    for (const [path, code] of errorsByPath(body.errors)) errors.set(path.split('.')[1] ?? '', code);
    return { row: body.data?.one ?? null, errors };
  }

  async function compare(caller: Session, { list, type, one }: Omit<ListCase, 'name' | 'caller'>) {
    const slow = new Map<string, Awaited<ReturnType<typeof readOne>>>();
    const mismatches: string[] = [];
    let comparedHere = 0;
    for (const [label, selection] of selections(type)) {
      const fast = await listAll(caller, list, selection);
      expect(fast.nodes.length).toBeGreaterThan(0);
      for (const node of fast.nodes) {
        const id = node.id as string;
        if (!slow.has(id)) slow.set(id, await readOne(caller, one, type, id));
        const { row, errors } = slow.get(id)!;
        if (!row) {
          mismatches.push(`${label}: ${id} is in the list but ${one}(id) answers ${JSON.stringify([...errors])}`);
          continue;
        }
        for (const [field, value] of Object.entries(node)) {
          comparedHere += 1;
          const fastAnswer = [value, fast.errors.get(`${id}.${field}`) ?? null];
          const slowAnswer = [project(row[field], value) ?? null, errors.get(field) ?? null];
          if (canonical(fastAnswer) !== canonical(slowAnswer)) {
            mismatches.push(
              `${label}: ${type} ${id}.${field}: list ${JSON.stringify(fastAnswer)}, ${one}(id) ${JSON.stringify(slowAnswer)}`,
            );
          }
        }
      }
    }
    compared.fields += comparedHere;
    compared.records += slow.size;
    expect(mismatches).toEqual([]);
    return { records: slow.size, fields: comparedHere };
  }

  const CASES: ListCase[] = [
    { name: 'the roster (owner, NAME)', caller: () => owner, list: 'clients', type: 'Client', one: 'client' },
    {
      name: 'the roster (owner, NEXT_SESSION)',
      caller: () => owner,
      list: 'clients(orderBy: NEXT_SESSION)',
      type: 'Client',
      one: 'client',
    },
    {
      name: 'the roster (owner, RECENTLY_ADDED, archived included)',
      caller: () => owner,
      list: 'clients(orderBy: RECENTLY_ADDED, filter: { includeArchived: true })',
      type: 'Client',
      one: 'client',
    },
    { name: 'the roster (owner, tag)', caller: () => owner, list: 'clients(filter: { tag: "exec" })', type: 'Client', one: 'client' },
    { name: 'the roster (coach)', caller: () => coach, list: 'clients(orderBy: NAME_DESC)', type: 'Client', one: 'client' },
    { name: 'sessions (owner)', caller: () => owner, list: 'sessions', type: 'CoachingSession', one: 'session' },
    { name: 'sessions (coach)', caller: () => coach, list: 'sessions', type: 'CoachingSession', one: 'session' },
    { name: 'sessions (the portal)', caller: () => portal, list: 'sessions', type: 'CoachingSession', one: 'session' },
    { name: 'action items (owner)', caller: () => owner, list: 'actionItems', type: 'ActionItem', one: 'actionItem' },
    { name: 'action items (coach)', caller: () => coach, list: 'actionItems', type: 'ActionItem', one: 'actionItem' },
    { name: 'myActionItems (the portal)', caller: () => portal, list: 'myActionItems', type: 'ActionItem', one: 'actionItem' },
    {
      name: 'actionItems (the portal, OPEN)',
      caller: () => portal,
      list: 'actionItems(filter: { status: OPEN })',
      type: 'ActionItem',
      one: 'actionItem',
    },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, { caller, ...rest }) => {
    const { records, fields } = await compare(caller(), rest);
    expect(records).toBeGreaterThan(0);
    expect(fields).toBeGreaterThan(records);
  });

  it('compares every roster summary over varied records', async () => {
    // The data set gives each summary both answers: present and absent, zero and not.
    const { body } = await api
      .as(owner.token)
      .raw(
        `{ clients(first: 50, filter: { includeArchived: true }) { edges { node { name currentEngagement { status } nextSession { id } openActionItemCount overdueActionItemCount unreadCommentCount unreadMessageCount latestGoalProgress { progress } } } } }`,
      );
    const nodes = (body.data as { clients: { edges: Array<{ node: Row }> } }).clients.edges.map((e) => e.node);
    const values = (field: string) =>
      new Set(nodes.map((n) => JSON.stringify(n[field] === null ? null : typeof n[field] === 'number' ? n[field] > 0 : true)));
    for (const field of ['currentEngagement', 'nextSession', 'latestGoalProgress'])
      expect(values(field)).toEqual(new Set(['null', 'true']));
    for (const field of ['openActionItemCount', 'overdueActionItemCount', 'unreadCommentCount', 'unreadMessageCount'])
      expect(values(field)).toEqual(new Set(['false', 'true']));
    expect(new Set(nodes.map((n) => (n.currentEngagement as { status: string } | null)?.status ?? null))).toEqual(
      new Set([null, 'ACTIVE', 'PAUSED', 'DRAFT']),
    );
  });
});
