import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const ITEM = `query($id: ID!) { actionItem(id: $id) { id unreadCommentCount comments { body author { id } } } }`;
const COMMENT = `mutation($id: ID!, $body: String!) { addActionItemComment(actionItemId: $id, body: $body) { id body author { id } } }`;
const MARK_READ = `mutation($id: ID!) { markActionItemCommentsRead(actionItemId: $id) { id unreadCommentCount } }`;
const CLIENT = `query($id: ID!) { client(id: $id) { unreadCommentCount } }`;
const ROSTER = `{ clients(first: 100) { edges { node { id unreadCommentCount } } } }`;
const ITEMS = `query($clientId: ID) { actionItems(first: 100, filter: { clientId: $clientId }) { edges { node { id unreadCommentCount comments { body } } } } }`;

describe('action-item comments between client and coach', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;
  let otherCoach: Session;
  let clientLogin: Session;
  let clientId: string;
  let itemId: string;
  let otherItemId: string;

  const rosterCount = async (who: Session) => {
    const { body, headers } = await api.as(who.token).raw(ROSTER);
    expect(body.errors).toBeUndefined();
    const node = (body.data as any).clients.edges.map((e: any) => e.node).find((n: { id: string }) => n.id === clientId);
    return { count: node?.unreadCommentCount as number | undefined, statements: Number(headers.get('x-sql-statements')) };
  };

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    otherCoach = await aCoach(api, owner, 'Other Coach');
    const client = await aClient(api, coach);
    clientId = client.id;
    clientLogin = await aClientLogin(api, coach, client.id);
    const engagement = await anEngagement(api, coach, client.id);
    const create = (title: string) =>
      api.as(coach.token).gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { engagementId: engagement.id, title, dueDate: '2027-02-01' },
      });
    itemId = (await create('Update the CV')).createActionItem.id;
    otherItemId = (await create('Call two recruiters')).createActionItem.id;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('shows the coach what the client wrote, unread on the item, the client record and the roster, until the coach reads it', async () => {
    await api.as(clientLogin.token).gql(COMMENT, { id: itemId, body: 'Sent the draft, can you look?' });
    await api.as(clientLogin.token).gql(COMMENT, { id: itemId, body: 'Also: which template?' });
    // The client's own comments are not unread for them.
    expect((await api.as(clientLogin.token).gql(ITEM, { id: itemId })).actionItem.unreadCommentCount).toBe(0);

    const seen = (await api.as(coach.token).gql(ITEM, { id: itemId })).actionItem;
    expect(seen.comments).toEqual([
      { body: 'Sent the draft, can you look?', author: { id: clientLogin.userId } },
      { body: 'Also: which template?', author: { id: clientLogin.userId } },
    ]);
    expect(seen.unreadCommentCount).toBe(2);
    expect((await api.as(coach.token).gql(CLIENT, { id: clientId })).client.unreadCommentCount).toBe(2);
    expect((await rosterCount(coach)).count).toBe(2);
    // The owner has a read point of their own.
    expect((await rosterCount(owner)).count).toBe(2);
    // Another coach does not reach the client, nor the item.
    expect((await rosterCount(otherCoach)).count).toBeUndefined();
    expect(await api.as(otherCoach.token).errorCode(MARK_READ, { id: itemId })).toBe('NOT_FOUND');
    expect(await api.as(otherCoach.token).errorCode(COMMENT, { id: itemId, body: 'hi' })).toBe('NOT_FOUND');

    const marked = (await api.as(coach.token).gql(MARK_READ, { id: itemId })).markActionItemCommentsRead;
    expect(marked).toEqual({ id: itemId, unreadCommentCount: 0 });
    expect((await api.as(coach.token).gql(CLIENT, { id: clientId })).client.unreadCommentCount).toBe(0);
    expect((await rosterCount(coach)).count).toBe(0);
    expect((await rosterCount(owner)).count).toBe(2);
  });

  it('lets the coach answer, and the client sees the answer unread until they read it', async () => {
    const answer = (await api.as(coach.token).gql(COMMENT, { id: itemId, body: 'Use the one-page template.' })).addActionItemComment;
    expect(answer.author).toEqual({ id: coach.userId });
    const item = (await api.as(clientLogin.token).gql(ITEM, { id: itemId })).actionItem;
    expect(item.comments.map((c: { body: string }) => c.body)).toEqual([
      'Sent the draft, can you look?',
      'Also: which template?',
      'Use the one-page template.',
    ]);
    expect(item.unreadCommentCount).toBe(1);
    expect((await api.as(clientLogin.token).gql(CLIENT, { id: clientId })).client.unreadCommentCount).toBe(1);
    // The coach's own answer is not unread for the coach.
    expect((await api.as(coach.token).gql(ITEM, { id: itemId })).actionItem.unreadCommentCount).toBe(0);

    expect((await api.as(clientLogin.token).gql(MARK_READ, { id: itemId })).markActionItemCommentsRead.unreadCommentCount).toBe(0);
    // A new comment after the read point is unread again.
    await api.as(coach.token).gql(COMMENT, { id: itemId, body: 'And send it by Friday.' });
    expect((await api.as(clientLogin.token).gql(ITEM, { id: itemId })).actionItem.unreadCommentCount).toBe(1);
    const events = await api.sql('SELECT action, actor_id FROM audit_event WHERE entity_id = $1 AND action = $2', [
      itemId,
      'action_item.comments_read',
    ]);
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'action_item.comments_read', actor_id: coach.userId },
        { action: 'action_item.comments_read', actor_id: clientLogin.userId },
      ]),
    );
  });

  it('counts per item in a list through one batched statement, however many items', async () => {
    await api.as(clientLogin.token).gql(COMMENT, { id: otherItemId, body: 'Called one.' });
    const { body, headers } = await api.as(coach.token).raw(ITEMS, { clientId });
    expect(body.errors).toBeUndefined();
    const counts = Object.fromEntries((body.data as any).actionItems.edges.map((e: any) => [e.node.id, e.node.unreadCommentCount]));
    expect(counts).toEqual({ [itemId]: 0, [otherItemId]: 1 });
    // The page, the comments and the unread counts: one statement each (plus the caller's own lookups), not one per item.
    const single = await api
      .as(coach.token)
      .raw(
        `query($id: ID!) { actionItems(first: 1, filter: { clientId: $id }) { edges { node { id unreadCommentCount comments { body } } } } }`,
        { id: clientId },
      );
    expect(Number(headers.get('x-sql-statements'))).toBe(Number(single.headers.get('x-sql-statements')));
  });

  it('keeps the roster to the same number of statements with the unread count', async () => {
    const bare = await api.as(coach.token).raw(`{ clients(first: 100) { edges { node { id } } } }`);
    expect((await rosterCount(coach)).statements).toBe(Number(bare.headers.get('x-sql-statements')));
  });
});
