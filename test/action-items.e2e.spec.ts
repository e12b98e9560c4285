import { randomUUID } from 'node:crypto';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const ITEM_FIELDS = 'id title details dueDate status completedAt isOverdue';
const CREATE = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { ${ITEM_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateActionItemInput!) { updateActionItem(id: $id, input: $input) { ${ITEM_FIELDS} } }`;
const COMPLETE = `mutation($id: ID!) { completeActionItem(id: $id) { ${ITEM_FIELDS} } }`;
const REOPEN = `mutation($id: ID!) { reopenActionItem(id: $id) { ${ITEM_FIELDS} } }`;
const DROP = `mutation($id: ID!) { dropActionItem(id: $id) { ${ITEM_FIELDS} } }`;
const COMMENT = `mutation($id: ID!, $body: String!) { addActionItemComment(actionItemId: $id, body: $body) { id body author { id } } }`;
const ITEM = `query($id: ID!) { actionItem(id: $id) { ${ITEM_FIELDS} client { id } engagement { id } session { id } comments { body author { id role } } } }`;
const LIST = `query($filter: ActionItemFilter, $first: Int, $after: String) {
  actionItems(filter: $filter, first: $first, after: $after) { edges { cursor node { id dueDate status } } pageInfo { hasNextPage endCursor } }
}`;
const MINE = `query($status: ActionItemStatus) { myActionItems(status: $status) { edges { node { id title status } } } }`;

const countItems = async (api: TestApi) => (await api.sql<{ n: number }>('SELECT count(*)::int AS n FROM action_item'))[0].n;

describe('action items over GraphQL', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A coach's client with an active engagement (and its planned sessions). */
  async function clientWithEngagement(coach: Session) {
    const client = await aClient(api, coach);
    const engagement = await anEngagement(api, coach, client.id);
    return { client, engagement };
  }

  async function createItem(coach: Session, input: Record<string, unknown>) {
    return (await api.as(coach.token).gql(CREATE, { input: { title: 'Update the CV', ...input } })).createActionItem;
  }

  /** Every page of a listing, following endCursor. */
  async function allPages(caller: Session, filter: Record<string, unknown>, first: number) {
    type Node = { id: string; dueDate: string | null; status: string };
    type Page = { actionItems: { edges: Array<{ node: Node }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const nodes: Node[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { actionItems }: Page = await api.as(caller.token).gql<Page>(LIST, { filter, first, after });
      nodes.push(...actionItems.edges.map((e) => e.node));
      after = actionItems.pageInfo.hasNextPage ? actionItems.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    return { nodes, pages };
  }

  it('lets a coach create, list page by page, update, comment on, complete, reopen and drop action items', async () => {
    const owner = await anOwner(api);
    const { client, engagement } = await clientWithEngagement(owner);
    const other = await clientWithEngagement(owner);
    const session = engagement.sessions[0];

    const dueDates = ['2030-03-01', null, '2030-01-15', '2030-03-01', null, '2020-01-01'];
    const created = [];
    for (const [i, dueDate] of dueDates.entries()) {
      created.push(
        await createItem(owner, {
          engagementId: engagement.id,
          title: `Item ${i}`,
          ...(dueDate ? { dueDate } : {}),
          ...(i === 0 ? { sessionId: session.id, details: 'Two pages at most' } : {}),
        }),
      );
    }
    await createItem(owner, { engagementId: other.engagement.id, title: 'Someone else’s' });
    expect(created[0]).toMatchObject({
      title: 'Item 0',
      details: 'Two pages at most',
      dueDate: '2030-03-01',
      status: 'OPEN',
      completedAt: null,
      isOverdue: false,
    });
    expect(created[5]).toMatchObject({ dueDate: '2020-01-01', isOverdue: true });

    // Due order, undated last, id breaking ties: pages of 2 cross both a dated and an undated cursor.
    const { nodes, pages } = await allPages(owner, { clientId: client.id }, 2);
    expect(pages).toBe(3);
    const expected = [...created].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id));
    expect(nodes.map((n) => n.id)).toEqual(expected.map((c) => c.id));
    expect(nodes.map((n) => n.dueDate)).toEqual(['2020-01-01', '2030-01-15', '2030-03-01', '2030-03-01', null, null]);
    expect((await allPages(owner, { clientId: client.id, dueBefore: '2030-02-01' }, 10)).nodes).toHaveLength(2);

    const updated = (
      await api
        .as(owner.token)
        .gql(UPDATE, { id: created[0].id, input: { title: '  Rewrite the CV ', details: null, dueDate: '2030-04-01' } })
    ).updateActionItem;
    expect(updated).toMatchObject({ title: 'Rewrite the CV', details: null, dueDate: '2030-04-01' });
    const cleared = (await api.as(owner.token).gql(UPDATE, { id: created[0].id, input: { dueDate: null } })).updateActionItem;
    expect(cleared).toMatchObject({ title: 'Rewrite the CV', dueDate: null });

    const comment = (await api.as(owner.token).gql(COMMENT, { id: created[0].id, body: 'Lead with the transformation project' }))
      .addActionItemComment;
    expect(comment).toMatchObject({ body: 'Lead with the transformation project', author: { id: owner.userId } });

    const done = (await api.as(owner.token).gql(COMPLETE, { id: created[0].id })).completeActionItem;
    expect(done.status).toBe('DONE');
    expect(Date.parse(done.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await api.as(owner.token).errorCode(COMPLETE, { id: created[0].id })).toBe('CONFLICT');
    expect(await api.as(owner.token).errorCode(DROP, { id: created[0].id })).toBe('CONFLICT');

    const open = (
      await api.as(owner.token).gql(`query($filter: ActionItemFilter) { actionItems(filter: $filter) { edges { node { id } } } }`, {
        filter: { clientId: client.id, status: 'OPEN' },
      })
    ).actionItems;
    expect(open.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(created[0].id);
    expect(open.edges).toHaveLength(5);

    expect((await api.as(owner.token).gql(REOPEN, { id: created[0].id })).reopenActionItem).toMatchObject({
      status: 'OPEN',
      completedAt: null,
    });
    expect(await api.as(owner.token).errorCode(REOPEN, { id: created[0].id })).toBe('CONFLICT');
    expect((await api.as(owner.token).gql(DROP, { id: created[5].id })).dropActionItem).toMatchObject({
      status: 'DROPPED',
      isOverdue: false,
    });
    expect(await api.as(owner.token).errorCode(COMPLETE, { id: created[5].id })).toBe('CONFLICT');
    expect((await api.as(owner.token).gql(REOPEN, { id: created[5].id })).reopenActionItem.status).toBe('OPEN');

    const read = (await api.as(owner.token).gql(ITEM, { id: created[0].id })).actionItem;
    expect(read).toMatchObject({
      client: { id: client.id },
      engagement: { id: engagement.id },
      session: { id: session.id },
      comments: [{ body: 'Lead with the transformation project', author: { id: owner.userId, role: 'OWNER' } }],
    });
    const agreed = await api.as(owner.token).gql(`query($id: ID!) { session(id: $id) { actionItems { id } } }`, { id: session.id });
    expect(agreed.session.actionItems).toEqual([{ id: created[0].id }]);
  });

  it('lets a client see their own items, complete one and comment; the coach sees both', async () => {
    const owner = await anOwner(api);
    const coach = await aCoach(api, owner);
    const { client, engagement } = await clientWithEngagement(coach);
    const login = await aClientLogin(api, coach, client.id);
    const first = await createItem(coach, { engagementId: engagement.id, title: 'Call two former colleagues', dueDate: '2030-01-10' });
    const second = await createItem(coach, { engagementId: engagement.id, title: 'Draft a LinkedIn summary' });

    const mine = (await api.as(login.token).gql(MINE)).myActionItems;
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([first.id, second.id]);

    expect((await api.as(login.token).gql(COMPLETE, { id: first.id })).completeActionItem.status).toBe('DONE');
    await api.as(login.token).gql(COMMENT, { id: first.id, body: 'Both said yes to coffee' });
    expect((await api.as(login.token).gql(MINE, { status: 'OPEN' })).myActionItems.edges).toEqual([
      { node: { id: second.id, title: 'Draft a LinkedIn summary', status: 'OPEN' } },
    ]);

    const seen = (await api.as(coach.token).gql(ITEM, { id: first.id })).actionItem;
    expect(seen.status).toBe('DONE');
    expect(seen.comments).toEqual([{ body: 'Both said yes to coffee', author: { id: login.userId, role: 'CLIENT' } }]);

    // A client may undo their own completion.
    expect((await api.as(login.token).gql(REOPEN, { id: first.id })).reopenActionItem.status).toBe('OPEN');
  });

  it('keeps an item the coach completed done for the client (CONFLICT); the coach may still reopen it; who completed it is recorded', async () => {
    const owner = await anOwner(api);
    const coach = await aCoach(api, owner);
    const { client, engagement } = await clientWithEngagement(coach);
    const login = await aClientLogin(api, coach, client.id);
    const byCoach = await createItem(coach, { engagementId: engagement.id, title: 'Book the mock interview' });
    const byClient = await createItem(coach, { engagementId: engagement.id, title: 'Send the CV to Dana' });

    await api.as(coach.token).gql(COMPLETE, { id: byCoach.id });
    await api.as(login.token).gql(COMPLETE, { id: byClient.id });
    const completers = await api.sql<{ id: string; completed_by_id: string }>(
      'SELECT id, completed_by_id FROM action_item WHERE id = ANY($1) ORDER BY title',
      [[byCoach.id, byClient.id]],
    );
    expect(completers).toEqual([
      { id: byCoach.id, completed_by_id: coach.userId },
      { id: byClient.id, completed_by_id: login.userId },
    ]);

    const refused = await api.as(login.token).raw(REOPEN, { id: byCoach.id });
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'Your coach marked this action item done; ask them if it should be reopened',
      extensions: { code: 'CONFLICT' },
    });
    expect((await api.as(coach.token).gql(ITEM, { id: byCoach.id })).actionItem.status).toBe('DONE');

    expect((await api.as(login.token).gql(REOPEN, { id: byClient.id })).reopenActionItem.status).toBe('OPEN');
    expect((await api.as(coach.token).gql(REOPEN, { id: byCoach.id })).reopenActionItem).toMatchObject({
      status: 'OPEN',
      completedAt: null,
    });
    expect(
      (
        await api.sql<{ n: number }>('SELECT count(*)::int AS n FROM action_item WHERE id = ANY($1) AND completed_by_id IS NOT NULL', [
          [byCoach.id, byClient.id],
        ])
      )[0].n,
    ).toBe(0);
  });

  it('keeps items within reach: clients, other coaches and other practices get FORBIDDEN or NOT_FOUND', async () => {
    const owner = await anOwner(api);
    const coachA = await aCoach(api, owner, 'Ada Coach');
    const coachB = await aCoach(api, owner, 'Ben Coach');
    const alice = await clientWithEngagement(coachA);
    const bob = await clientWithEngagement(coachA);
    const aliceLogin = await aClientLogin(api, coachA, alice.client.id);
    const aliceItem = await createItem(coachA, { engagementId: alice.engagement.id });
    const bobItem = await createItem(coachA, { engagementId: bob.engagement.id });
    const stranger = await anOwner(api);

    const asAlice = api.as(aliceLogin.token);
    expect(await asAlice.errorCode(CREATE, { input: { engagementId: alice.engagement.id, title: 'Mine' } })).toBe('FORBIDDEN');
    expect(await asAlice.errorCode(DROP, { id: aliceItem.id })).toBe('FORBIDDEN');
    expect(await asAlice.errorCode(UPDATE, { id: aliceItem.id, input: { title: 'Renamed' } })).toBe('FORBIDDEN');
    expect(await asAlice.errorCode(ITEM, { id: bobItem.id })).toBe('NOT_FOUND');
    expect(await asAlice.errorCode(COMPLETE, { id: bobItem.id })).toBe('NOT_FOUND');
    expect(await asAlice.errorCode(COMMENT, { id: bobItem.id, body: 'Hello' })).toBe('NOT_FOUND');
    const aliceSees = (await asAlice.gql(LIST, { filter: { clientId: bob.client.id } })).actionItems.edges;
    expect(aliceSees).toEqual([]);

    // Only the coach brings back a dropped item.
    await api.as(coachA.token).gql(DROP, { id: aliceItem.id });
    expect(await asAlice.errorCode(REOPEN, { id: aliceItem.id })).toBe('FORBIDDEN');

    const asB = api.as(coachB.token);
    expect(await asB.errorCode(ITEM, { id: bobItem.id })).toBe('NOT_FOUND');
    expect(await asB.errorCode(COMPLETE, { id: bobItem.id })).toBe('NOT_FOUND');
    expect(await asB.errorCode(CREATE, { input: { engagementId: bob.engagement.id, title: 'Poach' } })).toBe('NOT_FOUND');
    expect((await asB.gql(LIST, { filter: { clientId: bob.client.id } })).actionItems.edges).toEqual([]);

    const asStranger = api.as(stranger.token);
    expect(await asStranger.errorCode(ITEM, { id: bobItem.id })).toBe('NOT_FOUND');
    expect(await asStranger.errorCode(UPDATE, { id: bobItem.id, input: { title: 'Mine now' } })).toBe('NOT_FOUND');
    expect(await asStranger.errorCode(DROP, { id: bobItem.id })).toBe('NOT_FOUND');
    expect((await asStranger.gql(MINE)).myActionItems.edges).toEqual([]);

    const rows = await api.sql('SELECT title, status FROM action_item WHERE id = ANY($1) ORDER BY status', [[aliceItem.id, bobItem.id]]);
    expect(rows).toEqual([
      { title: 'Update the CV', status: 'DROPPED' },
      { title: 'Update the CV', status: 'OPEN' },
    ]);
    expect(await api.sql('SELECT 1 FROM action_item_comment WHERE action_item_id = $1', [bobItem.id])).toEqual([]);
  });

  it('answers bad input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const owner = await anOwner(api);
    const { engagement } = await clientWithEngagement(owner);
    const other = await clientWithEngagement(owner);
    const item = await createItem(owner, { engagementId: engagement.id });
    const before = await countItems(api);
    const auditBefore = await api.sql('SELECT id FROM audit_event WHERE practice_id = $1', [owner.practiceId]);

    const asOwner = api.as(owner.token);
    const fieldOf = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await asOwner.raw(query, variables);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return body.errors?.[0]?.extensions?.field;
    };
    const create = (input: Record<string, unknown>) => fieldOf(CREATE, { input: { engagementId: engagement.id, title: 'Fine', ...input } });

    expect(await create({ title: '' })).toBe('title');
    expect(await create({ title: '   ' })).toBe('title');
    expect(await create({ title: 'x'.repeat(201) })).toBe('title');
    expect(await create({ details: 'x'.repeat(20_001) })).toBe('details');
    expect(await create({ dueDate: '2026-02-30' })).toBe('dueDate');
    expect(await create({ dueDate: '30/01/2026' })).toBe('dueDate');
    expect(await create({ engagementId: 'not-a-uuid' })).toBe('engagementId');
    expect(await create({ sessionId: other.engagement.sessions[0].id })).toBe('sessionId');
    expect(await create({ goalId: randomUUID() })).toBe('goalId');
    expect(await asOwner.errorCode(CREATE, { input: { engagementId: engagement.id, title: 'Fine', status: 'DONE' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await fieldOf(UPDATE, { id: item.id, input: { title: null } })).toBe('title');
    expect(await fieldOf(UPDATE, { id: item.id, input: { dueDate: '2026-13-01' } })).toBe('dueDate');
    expect(await fieldOf(COMMENT, { id: item.id, body: '' })).toBe('body');
    expect(await fieldOf(COMMENT, { id: item.id, body: 'x'.repeat(4001) })).toBe('body');

    // Unknown enum values and foreign cursors are refused before any SQL runs.
    expect(await asOwner.errorCode(LIST, { filter: { status: 'FINISHED' } })).toBe('BAD_USER_INPUT');
    expect(await asOwner.errorCode(MINE, { status: 'PENDING' })).toBe('BAD_USER_INPUT');
    expect(await asOwner.errorCode(LIST, { after: Buffer.from(JSON.stringify(['2030-01-01', 'x; DROP'])).toString('base64url') })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await asOwner.errorCode(LIST, { after: 'garbage' })).toBe('BAD_USER_INPUT');

    expect(await countItems(api)).toBe(before);
    expect((await api.sql('SELECT title, details, due_date FROM action_item WHERE id = $1', [item.id]))[0]).toEqual({
      title: 'Update the CV',
      details: null,
      due_date: null,
    });
    expect(await api.sql('SELECT 1 FROM action_item_comment WHERE action_item_id = $1', [item.id])).toEqual([]);
    expect(await api.sql('SELECT id FROM audit_event WHERE practice_id = $1', [owner.practiceId])).toEqual(auditBefore);
  });

  it('writes an audit event for every mutation, never with the comment text', async () => {
    const owner = await anOwner(api);
    const { client, engagement } = await clientWithEngagement(owner);
    const login = await aClientLogin(api, owner, client.id);
    const item = await createItem(owner, { engagementId: engagement.id, details: 'Private detail' });
    const body = 'A deeply personal reflection on my manager';

    await api.as(owner.token).gql(UPDATE, { id: item.id, input: { title: 'Update the CV this week' } });
    const comment = (await api.as(login.token).gql(COMMENT, { id: item.id, body })).addActionItemComment;
    await api.as(login.token).gql(COMPLETE, { id: item.id });
    await api.as(owner.token).gql(REOPEN, { id: item.id });
    await api.as(owner.token).gql(DROP, { id: item.id });

    const events = await api.sql<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      `SELECT action, actor_id, details FROM audit_event WHERE entity_type = 'ActionItem' AND entity_id = $1 ORDER BY id`,
      [item.id],
    );
    expect(events).toEqual([
      { action: 'action_item.created', actor_id: owner.userId, details: { engagementId: engagement.id, sessionId: null, goalId: null } },
      { action: 'action_item.updated', actor_id: owner.userId, details: { fields: ['title'] } },
      { action: 'action_item.commented', actor_id: login.userId, details: { commentId: comment.id, length: body.length } },
      { action: 'action_item.completed', actor_id: login.userId, details: { from: 'OPEN' } },
      { action: 'action_item.reopened', actor_id: owner.userId, details: { from: 'DONE' } },
      { action: 'action_item.dropped', actor_id: owner.userId, details: { from: 'OPEN' } },
    ]);
    const everything = JSON.stringify(await api.sql('SELECT * FROM audit_event WHERE practice_id = $1', [owner.practiceId]));
    expect(everything).not.toContain('personal reflection');
    expect(everything).not.toContain('Private detail');
    expect(everything).not.toContain('Update the CV');
  });
});
