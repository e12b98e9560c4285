import { aClient, aClientLogin, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

/**
 * Every connection of the schema pages exactly: over rows written in one transaction (so they
 * share now() to the microsecond, and whatever the list orders by ties), stepping 1, 7 and 100
 * at a time reaches every row once, in the list's order.
 */

/** Rows each list gets in one statement: more than one page of 100. */
const ROWS = 105;
const STEPS = [1, 7, 100];

interface Case {
  /** The connection field, and its arguments beside first/after. */
  field: string;
  args?: string;
  /** Arguments known only once the data is written (read when the case runs). */
  argsAt?: () => string;
  /** The ids the caller may see, in the list's order (the same ORDER BY, in SQL). */
  expected: (api: TestApi, practiceId: string) => Promise<string[]>;
  /** Who pages it: the owner, unless the list is the client's own. */
  caller?: 'client';
  /** A connection on the template client (Client.<field>), read through client(id). */
  onClient?: true;
}

const ids = async (api: TestApi, sql: string, practiceId: string) => (await api.sql<{ id: string }>(sql, [practiceId])).map((r) => r.id);

const NEXT_SESSION = `coalesce((SELECT min(s.starts_at) FROM coaching_session s WHERE s.client_id = c.id AND s.status = 'SCHEDULED' AND s.starts_at >= now()), 'infinity')`;
const clientsIn = (order: string) => (api: TestApi, practiceId: string) =>
  ids(api, `SELECT c.id FROM client c WHERE c.practice_id = $1 AND c.archived_at IS NULL ORDER BY ${order}`, practiceId);

/** The engagement whose conversation the messages case pages (set in beforeAll). */
let messagesEngagementId = '';
/** The client whose rows the per-client lists (checkIns) page over; set in beforeAll. */
let pagedClientId = '';

/** Keyed by "<type>.<field>" as the schema names it; a connection missing here fails the first test. */
/**
 * Connections under `today`, paged in test/today.e2e.spec.ts: their rows depend on the clock's day and
 * week (sessions), on reasons (attention) and on what clients did (activity), which this spec's
 * copied rows do not produce.
 */
const PAGED_IN_THEIR_OWN_SPEC: Record<string, string> = {
  'Today.activity': "lists the clients' own activity newest first, the same across pages",
  'Today.needsAttention': 'pages the clients needing attention exactly, by name',
  'Today.sessions': 'pages sessions exactly',
};

const CASES: Record<string, Case[]> = {
  'Query.actionItems': [
    {
      field: 'actionItems',
      expected: (api, p) => ids(api, 'SELECT id FROM action_item WHERE practice_id = $1 ORDER BY due_date NULLS LAST, id', p),
    },
  ],
  'Query.myActionItems': [
    {
      field: 'myActionItems',
      expected: (api, p) => ids(api, 'SELECT id FROM action_item WHERE practice_id = $1 ORDER BY due_date NULLS LAST, id', p),
    },
  ],
  'Query.myContacts': [
    {
      field: 'myContacts',
      caller: 'client',
      expected: (api, p) =>
        ids(api, 'SELECT id FROM networking_contact WHERE practice_id = $1 ORDER BY next_follow_up_date NULLS LAST, id', p),
    },
  ],
  'Client.contacts': [
    {
      field: 'contacts',
      onClient: true,
      expected: (api, p) =>
        ids(api, 'SELECT id FROM networking_contact WHERE practice_id = $1 ORDER BY next_follow_up_date NULLS LAST, id', p),
    },
  ],
  'Query.auditEvents': [
    {
      field: 'auditEvents',
      expected: (api, p) => ids(api, 'SELECT a.id::text AS id FROM audit_event a WHERE a.practice_id = $1 ORDER BY a.id DESC', p),
    },
  ],
  'Query.checkIns': [
    {
      field: 'checkIns',
      argsAt: () => `clientId: "${pagedClientId}"`,
      expected: (api, p) => ids(api, 'SELECT id FROM check_in WHERE practice_id = $1 ORDER BY answered_at DESC, id DESC', p),
    },
  ],
  'Query.clients': [
    { field: 'clients', args: 'orderBy: NAME', expected: clientsIn('c.name, c.id') },
    { field: 'clients', args: 'orderBy: NAME_DESC', expected: clientsIn('c.name DESC, c.id DESC') },
    { field: 'clients', args: 'orderBy: RECENTLY_ADDED', expected: clientsIn('c.created_at DESC, c.id DESC') },
    { field: 'clients', args: 'orderBy: NEXT_SESSION', expected: clientsIn(`${NEXT_SESSION}, c.name, c.id`) },
  ],
  'Query.engagements': [
    {
      field: 'engagements',
      expected: (api, p) => ids(api, 'SELECT id FROM engagement WHERE practice_id = $1 ORDER BY created_at DESC, id DESC', p),
    },
  ],
  'Query.messages': [
    {
      field: 'messages',
      argsAt: () => `engagementId: "${messagesEngagementId}"`,
      expected: (api, p) => ids(api, 'SELECT id FROM message WHERE practice_id = $1 ORDER BY created_at DESC, id DESC', p),
    },
  ],
  'Query.notifications': [
    {
      field: 'notifications',
      expected: (api, p) => ids(api, 'SELECT id FROM notification WHERE practice_id = $1 ORDER BY created_at DESC, id DESC', p),
    },
  ],
  'Query.sessions': [
    {
      field: 'sessions',
      expected: (api, p) => ids(api, 'SELECT id FROM coaching_session WHERE practice_id = $1 ORDER BY starts_at, id', p),
    },
  ],
  'Query.sponsors': [
    {
      field: 'sponsors',
      expected: (api, p) => ids(api, 'SELECT id FROM sponsor WHERE practice_id = $1 AND archived_at IS NULL ORDER BY organisation, id', p),
    },
  ],
};

/**
 * Copies of the `table` row `templateId`, ROWS of them in ONE statement (one transaction: now()
 * is the same for all), each with the columns in `overrides` (SQL over `t`, the template, and `i`).
 */
async function copies(api: TestApi, table: string, templateId: string, overrides: Record<string, string>): Promise<void> {
  const changes = Object.entries(overrides)
    .map(([column, sql]) => `'${column}', ${sql}`)
    .join(', ');
  await api.sql(
    `INSERT INTO ${table}
     SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object(${changes}))).*
       FROM ${table} t, generate_series(1, ${ROWS}) AS i WHERE t.id = $1`,
    [templateId],
  );
}

describe('paging: every connection reaches each row exactly once, in order', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let clientLogin: Session;
  let templateClientId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    const as = api.as(owner.token);
    const client = await aClient(api, owner);
    templateClientId = client.id;
    clientLogin = await aClientLogin(api, owner, client.id);
    const engagement = await anEngagement(api, owner, client.id);
    const item = await as.gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Template', dueDate: '2027-03-01' },
    });
    const sponsor = await as.gql(
      `mutation { createSponsor(input: { organisation: "Same Org", contactName: "Pat", contactEmail: "pat@org.test" }) { id } }`,
    );

    // Every copy shares now() (microseconds included) and whatever its list orders by, so only the id breaks ties.
    const sameStart = `to_jsonb(date_trunc('day', now()) + interval '40 days 9 hours 123456 microseconds')`;
    await copies(api, 'sponsor', sponsor.createSponsor.id, { id: 'gen_random_uuid()', created_at: 'now()' });
    await copies(api, 'client', client.id, {
      id: 'gen_random_uuid()',
      name: `'Same Name'`,
      email: `'paging-' || i || '@example.com'`,
      user_id: 'null',
      created_at: 'now()',
    });
    await copies(api, 'engagement', engagement.id, { id: 'gen_random_uuid()', created_at: 'now()' });
    await copies(api, 'coaching_session', engagement.sessions[0].id, {
      id: 'gen_random_uuid()',
      sequence: '1000 + i',
      starts_at: sameStart,
      manually_moved: 'true',
      created_at: 'now()',
    });
    await copies(api, 'action_item', item.createActionItem.id, { id: 'gen_random_uuid()', created_at: 'now()' });
    // Contacts: runs of the same follow-up date, and a run with none (ordered last), all written at one instant.
    const contact = await as.gql(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
      input: { clientId: client.id, name: 'Same Name', nextFollowUpDate: '2027-03-01' },
    });
    await copies(api, 'networking_contact', contact.createContact.id, {
      id: 'gen_random_uuid()',
      next_follow_up_date: `CASE WHEN i % 3 = 0 THEN NULL ELSE to_jsonb(DATE '2027-03-01' + i % 2) END`,
      created_at: 'now()',
    });
    messagesEngagementId = engagement.id;
    const message = await as.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, {
      input: { engagementId: engagement.id, body: 'Template' },
    });
    await copies(api, 'message', message.sendMessage.id, { id: 'gen_random_uuid()', created_at: 'now()' });
    // One check-in answer after each of the engagement's sessions (copies included), all answered at one instant.
    pagedClientId = client.id;
    await api.sql(
      `INSERT INTO check_in (practice_id, client_id, engagement_id, after_session_id, due_date, answer, answered_at)
       SELECT s.practice_id, s.client_id, s.engagement_id, s.id, '2027-01-01', 'ON_TRACK', now() FROM coaching_session s WHERE s.engagement_id = $1`,
      [engagement.id],
    );
    const [notification] = await api.sql<{ id: string }>('SELECT id FROM notification WHERE practice_id = $1 LIMIT 1', [owner.practiceId]);
    await copies(api, 'notification', notification.id, {
      id: 'gen_random_uuid()',
      idempotency_key: `'paging:' || i`,
      created_at: 'now()',
    });
    await api.sql(
      `INSERT INTO audit_event (practice_id, action, entity_type, details) SELECT $1, 'paging.test', 'Test', '{}' FROM generate_series(1, ${ROWS})`,
      [owner.practiceId],
    );
    // Every other copied client has its next session at the same instant (NEXT_SESSION ties on it, then on the name).
    await api.sql(
      `INSERT INTO coaching_session
       SELECT (jsonb_populate_record(NULL::coaching_session, to_jsonb(s) || jsonb_build_object(
                'id', gen_random_uuid(), 'client_id', c.id, 'sequence', 2000 + c.n, 'starts_at', ${sameStart}, 'manually_moved', true))).*
         FROM coaching_session s,
              (SELECT id, row_number() OVER (ORDER BY id) AS n FROM client WHERE email LIKE 'paging-%') c
        WHERE s.id = $1 AND c.n % 2 = 0`,
      [engagement.sessions[0].id],
    );
    // Each list's copies were written in one transaction: one instant per table.
    const instants = await api.sql<{ count: number }>(
      `SELECT count(DISTINCT created_at)::int AS count FROM notification WHERE idempotency_key LIKE 'paging:%'
       UNION ALL SELECT count(DISTINCT created_at)::int FROM client WHERE email LIKE 'paging-%'`,
    );
    expect(instants).toEqual([{ count: 1 }, { count: 1 }]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('covers every connection in the schema (a new connection must be added to CASES)', async () => {
    const schema = await api
      .as(owner.token)
      .gql(`{ __schema { types { name kind fields { name type { name kind ofType { name kind ofType { name } } } } } } }`);
    const named = (type: { name: string | null; ofType?: unknown }): string | null =>
      type.name ?? (type.ofType ? named(type.ofType as { name: string | null }) : null);
    const connections = schema.__schema.types
      .filter((t: { kind: string; name: string }) => t.kind === 'OBJECT' && !t.name.startsWith('__'))
      .flatMap((t: { name: string; fields: Array<{ name: string; type: { name: string | null } }> }) =>
        t.fields.filter((f) => named(f.type)?.endsWith('Connection')).map((f) => `${t.name}.${f.name}`),
      )
      .sort();
    expect(connections).toEqual([...Object.keys(CASES), ...Object.keys(PAGED_IN_THEIR_OWN_SPEC)].sort());
  });

  const all = Object.values(CASES).flat();
  it.each(all.flatMap((c) => STEPS.map((step) => [`${c.field}${c.args ? `(${c.args})` : ''}`, step, c] as const)))(
    '%s in steps of %i',
    async (_name, step, { field, args: fixedArgs, argsAt, expected, caller, onClient }) => {
      const args = argsAt?.() ?? fixedArgs;
      const want = await expected(api, owner.practiceId);
      expect(want.length).toBeGreaterThan(ROWS);
      const list = `page: ${field}(first: $first, after: $after${args ? `, ${args}` : ''}) {
        edges { cursor node { id } } pageInfo { hasNextPage endCursor } }`;
      const query = onClient
        ? `query($first: Int!, $after: String, $clientId: ID!) { client(id: $clientId) { ${list} } }`
        : `query($first: Int!, $after: String) { ${list} }`;
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; ; pages += 1) {
        expect(pages).toBeLessThanOrEqual(Math.ceil(want.length / step));
        const variables = { first: step, after, ...(onClient ? { clientId: templateClientId } : {}) };
        const data: any = await api.as(caller === 'client' ? clientLogin.token : owner.token).gql(query, variables);
        const page = onClient ? data.client.page : data.page;
        seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        expect(page.edges).toHaveLength(step);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(want);
    },
  );
});
