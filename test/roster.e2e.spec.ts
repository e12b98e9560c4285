import { encodeCursor } from '#tandem/coaching';
import { DateTime } from 'luxon';
import { aClient, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const ROSTER = `query($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {
  clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id name openActionItemCount overdueActionItemCount unreadCommentCount nextSession { startsAt } currentEngagement { title } latestGoalProgress { progress } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const NAMES_ONLY = `query($first: Int, $after: String, $orderBy: ClientOrder) {
  clients(first: $first, after: $after, orderBy: $orderBy) { edges { node { name } } pageInfo { hasNextPage endCursor } }
}`;
const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id startsAt } }`;
const CREATE_ITEM = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id isOverdue } }`;

type Node = {
  id: string;
  name: string;
  openActionItemCount: number;
  overdueActionItemCount: number;
  nextSession: { startsAt: string } | null;
};
type Page = { clients: { edges: Array<{ cursor: string; node: Node }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const today = (zone: string) => DateTime.now().setZone(zone).toISODate()!;
const utcToday = () => DateTime.utc().toISODate();

describe('the roster: orders, cursors and overdue items', () => {
  let api: TestApi;
  let owner: OwnerSession;
  const ids: Record<string, string> = {};
  const engagements: Record<string, string> = {};
  const soon = DateTime.utc().plus({ days: 2 }).startOf('hour');
  const later = DateTime.utc().plus({ days: 5 }).startOf('hour');

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    // Created in this order (RECENTLY_ADDED reverses it); zones on both sides of UTC for the overdue rule.
    for (const [name, timeZone] of [
      ['Cat Cole', 'Europe/London'],
      ['Ann Able', 'America/New_York'],
      ['Eve East', 'Pacific/Kiritimati'],
      ['Bob Baker', 'Pacific/Pago_Pago'],
      ['Dan Drew', 'Europe/London'],
    ] as const) {
      const client = await aClient(api, owner, { name, timeZone, email: `${name.split(' ')[0].toLowerCase()}@order.test` });
      ids[name] = client.id;
      engagements[name] = (await anEngagement(api, owner, client.id, { activate: false })).id;
    }
    // Next sessions: Cat soonest; Ann and Eve at the same instant (name decides); Bob and Dan none.
    for (const [name, at] of [
      ['Cat Cole', soon],
      ['Ann Able', later],
      ['Eve East', later],
      ['Ann Able', later.plus({ days: 30 })],
    ] as const) {
      await api.as(owner.token).gql(SCHEDULE, { input: { engagementId: engagements[name], startsAt: at.toISO() } });
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  async function allPages(caller: Session, orderBy: string | undefined, first: number, filter?: Record<string, unknown>) {
    const names: string[] = [];
    const nodes: Node[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { clients }: Page = await api.as(caller.token).gql<Page>(ROSTER, { first, after, orderBy, filter });
      nodes.push(...clients.edges.map((e) => e.node));
      names.push(...clients.edges.map((e) => e.node.name));
      after = clients.pageInfo.hasNextPage ? clients.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 20);
    return { names, nodes, pages };
  }

  it.each([
    [undefined, ['Ann Able', 'Bob Baker', 'Cat Cole', 'Dan Drew', 'Eve East']],
    ['NAME', ['Ann Able', 'Bob Baker', 'Cat Cole', 'Dan Drew', 'Eve East']],
    ['NAME_DESC', ['Eve East', 'Dan Drew', 'Cat Cole', 'Bob Baker', 'Ann Able']],
    ['RECENTLY_ADDED', ['Dan Drew', 'Bob Baker', 'Eve East', 'Ann Able', 'Cat Cole']],
    ['NEXT_SESSION', ['Cat Cole', 'Ann Able', 'Eve East', 'Bob Baker', 'Dan Drew']],
  ])('orders by %s, the same on one page and across pages of 1, 2 and 3', async (orderBy, expected) => {
    for (const first of [50, 1, 2, 3]) {
      const { names, pages } = await allPages(owner, orderBy, first);
      expect(names).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / first));
    }
  });

  it('pages exactly through ties on the sort timestamp (microseconds and id decide)', async () => {
    // Two clients added at the same microsecond, one a microsecond later: the cursor must neither skip nor repeat.
    await api.sql(`UPDATE client SET created_at = '2026-01-01T10:00:00.123456Z' WHERE id = ANY($1)`, [[ids['Ann Able'], ids['Eve East']]]);
    await api.sql(`UPDATE client SET created_at = '2026-01-01T10:00:00.123457Z' WHERE id = $1`, [ids['Cat Cole']]);
    const [annOrEve, eveOrAnn] = [ids['Ann Able'], ids['Eve East']].sort().reverse();
    const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    for (const first of [1, 2, 4]) {
      expect((await allPages(owner, 'RECENTLY_ADDED', first)).names).toEqual([
        'Dan Drew',
        'Bob Baker',
        'Cat Cole',
        byId[annOrEve],
        byId[eveOrAnn],
      ]);
    }
  });

  it('keeps filters while paging in another order', async () => {
    expect((await allPages(owner, 'NEXT_SESSION', 1, { search: 'an' })).names).toEqual(['Ann Able', 'Dan Drew']);
    expect((await allPages(owner, 'NAME_DESC', 1, { search: 'an' })).names).toEqual(['Dan Drew', 'Ann Able']);
  });

  it('reads the next session the order used', async () => {
    const { nodes } = await allPages(owner, 'NEXT_SESSION', 2);
    expect(nodes.map((n) => n.nextSession?.startsAt ?? null)).toEqual(
      [soon, later, later, null, null].map((at) => at?.toJSDate().toISOString() ?? null),
    );
  });

  it("counts overdue items as the items' own isOverdue does: open and due before today in the client's zone", async () => {
    const expected: Record<string, number> = {};
    const flagged: Record<string, number> = {};
    const byUtc: Record<string, number> = {};
    for (const name of ['Ann Able', 'Eve East', 'Bob Baker']) {
      const zone = name === 'Ann Able' ? 'America/New_York' : name === 'Eve East' ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
      const yesterday = DateTime.fromISO(today(zone)).minus({ days: 1 }).toISODate();
      const utcYesterday = DateTime.utc().minus({ days: 1 }).toISODate();
      const dues = [yesterday, utcYesterday, utcToday(), today(zone), DateTime.fromISO(today(zone)).plus({ days: 1 }).toISODate(), null];
      flagged[name] = 0;
      for (const dueDate of dues) {
        const item = (
          await api.as(owner.token).gql(CREATE_ITEM, { input: { engagementId: engagements[name], title: `Due ${dueDate}`, dueDate } })
        ).createActionItem;
        if (item.isOverdue) flagged[name] += 1;
      }
      // A done item long overdue does not count.
      const done = (
        await api.as(owner.token).gql(CREATE_ITEM, { input: { engagementId: engagements[name], title: 'Done', dueDate: '2020-01-01' } })
      ).createActionItem;
      await api.as(owner.token).gql(`mutation($id: ID!) { completeActionItem(id: $id) { id } }`, { id: done.id });
      expected[name] = dues.filter((due) => due !== null && due < today(zone)).length;
      byUtc[name] = dues.filter((due) => due !== null && due < utcToday()).length;
    }
    const { nodes } = await allPages(owner, 'NAME', 50);
    const counts = Object.fromEntries(nodes.map((n) => [n.name, [n.openActionItemCount, n.overdueActionItemCount]]));
    expect(counts).toEqual({
      'Ann Able': [6, expected['Ann Able']],
      'Eve East': [6, expected['Eve East']],
      'Bob Baker': [6, expected['Bob Baker']],
      'Cat Cole': [0, 0],
      'Dan Drew': [0, 0],
    });
    expect(flagged).toEqual(expected);
    // The list reads isOverdue in its own statement: the same answers as each item's.
    const listed = (
      await api
        .as(owner.token)
        .gql(`{ actionItems(first: 100, filter: { status: OPEN }) { edges { node { isOverdue client { name } } } } }`)
    ).actionItems as {
      edges: Array<{ node: { isOverdue: boolean; client: { name: string } } }>;
    };
    const listedOverdue: Record<string, number> = {};
    for (const { node } of listed.edges)
      listedOverdue[node.client.name] = (listedOverdue[node.client.name] ?? 0) + (node.isOverdue ? 1 : 0);
    expect(listedOverdue).toEqual(expected);
    // A zone ahead of UTC or behind it: at any hour one of them is on another date than UTC, so UTC's "today" would count otherwise.
    expect([expected['Eve East'], expected['Bob Baker']]).not.toEqual([byUtc['Eve East'], byUtc['Bob Baker']]);
    // Outside the roster page the DataLoader answers the same.
    for (const name of ['Ann Able', 'Eve East', 'Bob Baker', 'Cat Cole']) {
      const one = await api
        .as(owner.token)
        .gql(`query($id: ID!) { client(id: $id) { openActionItemCount overdueActionItemCount } }`, { id: ids[name] });
      expect([one.client.openActionItemCount, one.client.overdueActionItemCount]).toEqual(counts[name]);
    }
  });

  it('reads a page with every summary and any order in the same number of SQL statements as a bare page', async () => {
    const bare = await api.as(owner.token).raw(NAMES_ONLY, { first: 50 });
    const full = await api.as(owner.token).raw(ROSTER, { first: 50, orderBy: 'NEXT_SESSION' });
    expect(full.body.errors).toBeUndefined();
    expect(Number(full.headers.get('x-sql-statements'))).toBe(Number(bare.headers.get('x-sql-statements')));
  });

  it('shows a coach only their own clients in every order', async () => {
    const coach = await aCoach(api, owner, 'Beth Coach');
    const mine = await aClient(api, coach, { name: 'Mia Mine' });
    const engagement = await anEngagement(api, coach, mine.id, { activate: false });
    await api.as(coach.token).gql(SCHEDULE, { input: { engagementId: engagement.id, startsAt: soon.plus({ hours: 1 }).toISO() } });
    for (const orderBy of ['NAME', 'NAME_DESC', 'RECENTLY_ADDED', 'NEXT_SESSION']) {
      expect((await allPages(coach, orderBy, 1)).names).toEqual(['Mia Mine']);
    }
    expect((await allPages(owner, 'NEXT_SESSION', 50)).names).toEqual([
      'Cat Cole',
      'Mia Mine',
      'Ann Able',
      'Eve East',
      'Bob Baker',
      'Dan Drew',
    ]);
  });

  it('refuses an unknown order, and a cursor from another order, another list or made up', async () => {
    const as = api.as(owner.token);
    expect(await as.errorCode(NAMES_ONLY, { orderBy: 'SHOE_SIZE' })).toBe('BAD_USER_INPUT');
    const byName = (await as.gql<Page>(NAMES_ONLY, { first: 1 })).clients.pageInfo.endCursor;
    expect(await as.errorCode(NAMES_ONLY, { first: 1, after: byName, orderBy: 'NAME' })).toBeUndefined();
    for (const orderBy of ['RECENTLY_ADDED', 'NEXT_SESSION', 'NAME_DESC']) {
      expect(await as.errorCode(NAMES_ONLY, { first: 1, after: byName, orderBy })).toBe('BAD_USER_INPUT');
    }
    const id = ids['Ann Able'];
    for (const [orderBy, values] of [
      ['NAME', ['Ann Able', id]],
      ['NAME', ['NAME', 'Ann Able', 'not-a-uuid']],
      ['NAME', ['NAME', 42, id]],
      ['RECENTLY_ADDED', ['RECENTLY_ADDED', 'yesterday', id]],
      ['RECENTLY_ADDED', ['RECENTLY_ADDED', '2026-01-01T10:00:00Z', id]],
      ['NEXT_SESSION', ['NEXT_SESSION', '', id]],
      ['NEXT_SESSION', ['NEXT_SESSION', '2026-13-01T10:00:00.000000Z', 'Ann', id]],
    ] as const) {
      expect(await as.errorCode(NAMES_ONLY, { first: 1, after: encodeCursor(values as unknown as string[]), orderBy })).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await as.errorCode(NAMES_ONLY, { first: 1, after: 'garbage', orderBy: 'NEXT_SESSION' })).toBe('BAD_USER_INPUT');
    // A well-formed cursor for a client that is not there still pages from its place.
    const ghost = encodeCursor(['NEXT_SESSION', '', 'Ann Able', '00000000-0000-4000-8000-000000000000']);
    expect(
      (await as.gql<Page>(NAMES_ONLY, { first: 10, after: ghost, orderBy: 'NEXT_SESSION' })).clients.edges.map((e) => e.node.name),
    ).toEqual(['Bob Baker', 'Dan Drew']);
  });
});
