import { ShiftedClock, withClockAt } from './support/clock.js';
import {
  aClient,
  aClientLogin,
  aCoach,
  anEngagement,
  anOwner,
  type ClientRecord,
  type OwnerSession,
  type Session,
} from './support/factories.js';
import { dispatchAndSend, outboxRows, planPeriodic } from './support/notifications.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';

const FIELDS = `id name organisation howMet lastContactDate nextFollowUpDate notes followUpDue`;
const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { ${FIELDS} } }`;
const LOG = `mutation($id: ID!, $next: String) { logContactMade(id: $id, nextFollowUpDate: $next) { ${FIELDS} } }`;
const LOG_ONLY = `mutation($id: ID!) { logContactMade(id: $id) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteContact(id: $id) }`;
const ONE = `query($id: ID!) { contact(id: $id) { ${FIELDS} } }`;
const MINE = `query($first: Int!, $after: String, $filter: ContactFilter) {
  myContacts(first: $first, after: $after, filter: $filter) { edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CLIENTS = `query($id: ID!, $first: Int!, $after: String, $filter: ContactFilter) { client(id: $id) {
  networking { contacts touchedThisMonth followUpsDue followUpsOverdue }
  contacts(first: $first, after: $after, filter: $filter) { edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;

/** 15:00 in London on Wednesday 10 March 2027: the afternoon, so the next nudge is tomorrow morning's. */
const AFTERNOON = '2027-03-10T15:00:00Z';

describe('networking contacts: kept by the client and their coach, private to them, nudged when a follow-up is due', () => {
  const clock = new ShiftedClock();
  let api: TestApi;
  let smtp: SmtpReceiver;
  let owner: OwnerSession;
  let coach: Session;
  let otherCoach: Session;
  let stranger: OwnerSession;
  let client: ClientRecord;
  let clientLogin: Session;
  let otherClientLogin: Session;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' }, clock });
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    otherCoach = await aCoach(api, owner, 'Other Coach');
    stranger = await anOwner(api);
    client = await aClient(api, coach, { timeZone: 'Europe/London' });
    clientLogin = await aClientLogin(api, coach, client.id);
    const otherClient = await aClient(api, coach, { timeZone: 'Europe/London' });
    otherClientLogin = await aClientLogin(api, coach, otherClient.id);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  const contactCount = async (clientId: string) =>
    Number((await api.sql<{ n: string }>(`SELECT count(*) AS n FROM networking_contact WHERE client_id = $1`, [clientId]))[0].n);

  it('lets the coach and the client add, edit, log and delete the client’s contacts, each seeing the other’s', async () => {
    const byCoach = await api.as(coach.token).gql(CREATE, {
      input: {
        clientId: client.id,
        name: '  Priya Shah ',
        organisation: 'Acme',
        howMet: 'Conference panel',
        nextFollowUpDate: '2027-04-01',
      },
    });
    expect(byCoach.createContact).toMatchObject({ name: 'Priya Shah', organisation: 'Acme', howMet: 'Conference panel', notes: null });
    // A client's own: no clientId needed.
    const byClient = await api.as(clientLogin.token).gql(CREATE, { input: { name: 'Dan Ortiz', notes: '<b>met at the gym</b>' } });
    expect(byClient.createContact.notes).toBe('<b>met at the gym</b>'); // stored as text

    const mine = await api.as(clientLogin.token).gql(MINE, { first: 10 });
    expect(mine.myContacts.edges.map((e: any) => e.node.name)).toEqual(['Priya Shah', 'Dan Ortiz']); // follow-up first, none last
    const seen = await api.as(coach.token).gql(CLIENTS, { id: client.id, first: 10 });
    expect(seen.client.contacts.edges.map((e: any) => e.node.name)).toEqual(['Priya Shah', 'Dan Ortiz']);
    // The owner sees the whole practice.
    expect((await api.as(owner.token).gql(ONE, { id: byClient.createContact.id })).contact.name).toBe('Dan Ortiz');

    const id = byClient.createContact.id;
    const updated = await api.as(coach.token).gql(UPDATE, { id, input: { organisation: 'Globex', notes: null } });
    expect(updated.updateContact).toMatchObject({ name: 'Dan Ortiz', organisation: 'Globex', notes: null });
    const cleared = await api.as(clientLogin.token).gql(UPDATE, { id, input: { organisation: '' } });
    expect(cleared.updateContact.organisation).toBeNull();

    // Logged at 23:30 UTC on 10 March, which is already 11 March for a client in Tokyo.
    const tokyo = await aClient(api, coach, { timeZone: 'Asia/Tokyo' });
    const far = await api
      .as(coach.token)
      .gql(CREATE, { input: { clientId: tokyo.id, name: 'Kenji Sato', nextFollowUpDate: '2027-03-09' } });
    const logged = await withClockAt(clock, '2027-03-10T23:30:00Z', () => api.as(coach.token).gql(LOG_ONLY, { id: far.createContact.id }));
    expect(logged.logContactMade).toMatchObject({ lastContactDate: '2027-03-11', nextFollowUpDate: null, followUpDue: false });
    const next = await withClockAt(clock, '2027-03-10T23:30:00Z', () =>
      api.as(coach.token).gql(LOG, { id: far.createContact.id, next: '2027-04-11' }),
    );
    expect(next.logContactMade).toMatchObject({ lastContactDate: '2027-03-11', nextFollowUpDate: '2027-04-11' });

    expect(await api.as(clientLogin.token).gql(DELETE, { id })).toEqual({ deleteContact: true });
    expect(await api.as(clientLogin.token).errorCode(ONE, { id })).toBe('NOT_FOUND');
    const audit = await api.sql(`SELECT action, details::text AS details FROM audit_event WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['contact.created', 'contact.updated', 'contact.updated', 'contact.deleted']);
    expect(audit.map((a) => a.details).join(' ')).not.toMatch(/Globex|gym/); // never the text
  });

  it('answers NOT_FOUND to another client, another coach’s client and another practice, and writes nothing for them', async () => {
    const { createContact: contact } = await api.as(coach.token).gql(CREATE, { input: { clientId: client.id, name: 'Private Person' } });
    const before = await contactCount(client.id);
    for (const outsider of [otherClientLogin, otherCoach, stranger]) {
      const as = api.as(outsider.token);
      expect(await as.errorCode(ONE, { id: contact.id })).toBe('NOT_FOUND');
      expect(await as.errorCode(UPDATE, { id: contact.id, input: { name: 'Taken over' } })).toBe('NOT_FOUND');
      expect(await as.errorCode(LOG_ONLY, { id: contact.id })).toBe('NOT_FOUND');
      expect(await as.errorCode(DELETE, { id: contact.id })).toBe('NOT_FOUND');
      expect(await as.errorCode(CREATE, { input: { clientId: client.id, name: 'Planted' } })).toBe('NOT_FOUND');
    }
    expect(await api.as(otherClientLogin.token).errorCode(CLIENTS, { id: client.id, first: 10 })).toBe('NOT_FOUND');
    // The other client's own list holds none of this client's contacts.
    expect((await api.as(otherClientLogin.token).gql(MINE, { first: 100 })).myContacts.edges).toEqual([]);
    expect(await api.as(coach.token).errorCode(MINE, { first: 10 })).toBe('FORBIDDEN');
    // Staff must say whose contact it is.
    expect(await api.as(coach.token).errorCode(CREATE, { input: { name: 'Nobody’s' } })).toBe('BAD_USER_INPUT');
    expect(await contactCount(client.id)).toBe(before);
    expect((await api.as(coach.token).gql(ONE, { id: contact.id })).contact.name).toBe('Private Person');
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { createContact: contact } = await api.as(coach.token).gql(CREATE, { input: { clientId: client.id, name: 'Valid Name' } });
    const before = await contactCount(client.id);
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await api.as(coach.token).raw(query, variables);
      return { code: body.errors?.[0]?.extensions?.code, field: body.errors?.[0]?.extensions?.field };
    };
    const create = (input: Record<string, unknown>) => refused(CREATE, { input: { clientId: client.id, name: 'Someone', ...input } });
    expect(await create({ name: '   ' })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await create({ name: 'x'.repeat(201) })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await create({ organisation: 'o'.repeat(201) })).toEqual({ code: 'BAD_USER_INPUT', field: 'organisation' });
    expect(await create({ howMet: 'h'.repeat(501) })).toEqual({ code: 'BAD_USER_INPUT', field: 'howMet' });
    expect(await create({ notes: 'n'.repeat(4001) })).toEqual({ code: 'BAD_USER_INPUT', field: 'notes' });
    for (const date of ['2027-02-30', 'tomorrow', '2027-3-1', '2027-03-01T00:00:00Z']) {
      expect(await create({ nextFollowUpDate: date })).toEqual({ code: 'BAD_USER_INPUT', field: 'nextFollowUpDate' });
      expect(await refused(LOG, { id: contact.id, next: date })).toEqual({ code: 'BAD_USER_INPUT', field: 'nextFollowUpDate' });
    }
    expect(await create({ lastContactDate: '2027-13-01' })).toEqual({ code: 'BAD_USER_INPUT', field: 'lastContactDate' });
    expect(await refused(UPDATE, { id: contact.id, input: { name: null } })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await refused(UPDATE, { id: contact.id, input: { name: '' } })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await refused(CLIENTS, { id: client.id, first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused(CLIENTS, { id: client.id, first: 10, after: 'bm90IGEgY3Vyc29y' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await contactCount(client.id)).toBe(before);
    expect((await api.as(coach.token).gql(ONE, { id: contact.id })).contact.name).toBe('Valid Name');
  });

  it('pages exactly in follow-up order (due first, none last), and filters the follow-ups due in the client’s zone', async () => {
    const paged = await aClient(api, coach, { timeZone: 'America/New_York' });
    // Ties on a date and a run without one: the order falls back to the id, and no row is repeated or skipped.
    await api.sql(
      `INSERT INTO networking_contact (practice_id, client_id, name, next_follow_up_date)
       SELECT c.practice_id, c.id, 'Contact ' || i,
              CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2027-03-08' + (i % 5) END
         FROM client c, generate_series(1, 37) AS i WHERE c.id = $1`,
      [paged.id],
    );
    const expected = await api.sql<{ id: string }>(
      `SELECT id FROM networking_contact WHERE client_id = $1 ORDER BY next_follow_up_date NULLS LAST, id`,
      [paged.id],
    );
    const walk = async (filter?: Record<string, unknown>) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const data: any = await api.as(coach.token).gql(CLIENTS, { id: paged.id, first: 10, after, filter });
        ids.push(...data.client.contacts.edges.map((e: any) => e.node.id));
        if (!data.client.contacts.pageInfo.hasNextPage) return ids;
        after = data.client.contacts.pageInfo.endCursor;
      }
      throw new Error('more pages than rows');
    };
    expect(await withClockAt(clock, AFTERNOON, () => walk())).toEqual(expected.map((r) => r.id));
    // At 02:00 UTC on 11 March it is still 10 March in New York: due means on or before the 10th.
    const due = await withClockAt(clock, '2027-03-11T02:00:00Z', () => walk({ followUpDue: true }));
    const dueExpected = await api.sql<{ id: string }>(
      `SELECT id FROM networking_contact WHERE client_id = $1 AND next_follow_up_date <= '2027-03-10' ORDER BY next_follow_up_date, id`,
      [paged.id],
    );
    expect(dueExpected.length).toBeGreaterThan(10);
    expect(due).toEqual(dueExpected.map((r) => r.id));
  });

  it('counts contacts, those touched this month and the follow-ups due and overdue, in the client’s zone', async () => {
    const counted = await aClient(api, coach, { timeZone: 'Europe/London' });
    const add = (input: Record<string, unknown>) =>
      api.as(coach.token).gql(CREATE, { input: { clientId: counted.id, name: 'C', ...input } });
    await add({ lastContactDate: '2027-03-01', nextFollowUpDate: '2027-03-09' }); // touched, overdue
    await add({ lastContactDate: '2027-02-28', nextFollowUpDate: '2027-03-10' }); // last month; due today
    await add({ lastContactDate: '2027-03-10', nextFollowUpDate: '2027-03-11' }); // touched; due tomorrow
    await add({});
    const counts = await withClockAt(clock, AFTERNOON, () => api.as(coach.token).gql(CLIENTS, { id: counted.id, first: 1 }));
    expect(counts.client.networking).toEqual({ contacts: 4, touchedThisMonth: 2, followUpsDue: 2, followUpsOverdue: 1 });
    // A client with none: zeros.
    const none = await api.as(coach.token).gql(CLIENTS, { id: (await aClient(api, coach)).id, first: 1 });
    expect(none.client.networking).toEqual({ contacts: 0, touchedThisMonth: 0, followUpsDue: 0, followUpsOverdue: 0 });
  });

  it('reads a client page with its counts and 100 contacts in as many statements as with 10', async () => {
    const statementsFor = async (n: number) => {
      const many = await aClient(api, coach, { timeZone: 'Europe/London' });
      await api.sql(
        `INSERT INTO networking_contact (practice_id, client_id, name, next_follow_up_date)
         SELECT c.practice_id, c.id, 'Contact ' || i, DATE '2027-03-01' + i FROM client c, generate_series(1, $2::int) AS i WHERE c.id = $1`,
        [many.id, n],
      );
      const response = await withClockAt(clock, AFTERNOON, () => api.as(coach.token).raw(CLIENTS, { id: many.id, first: 100 }));
      expect(response.body.errors).toBeUndefined();
      expect((response.body.data as any).client.contacts.edges).toHaveLength(n);
      return Number(response.headers.get('x-sql-statements'));
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    const mine = async () => Number((await api.as(clientLogin.token).raw(MINE, { first: 100 })).headers.get('x-sql-statements'));
    const few = await mine();
    await api.sql(
      `INSERT INTO networking_contact (practice_id, client_id, name) SELECT c.practice_id, c.id, 'More ' || i FROM client c, generate_series(1, 90) AS i WHERE c.id = $1`,
      [client.id],
    );
    expect(await mine()).toBe(few);
    process.stdout.write(`client page with contacts: ${ten} SQL statements for 10 contacts, ${hundred} for 100; myContacts: ${few}\n`);
  });

  it('puts a follow-up due tomorrow into the next morning’s nudge email, one nudge that day, and withdraws it when the contact goes', async () => {
    const nudged = await aClient(api, coach, { timeZone: 'Europe/London', name: 'Nadia Nudge' });
    const later = await aClient(api, coach, { timeZone: 'Europe/London' });
    const nudges = (clientId: string) => outboxRows(api, `client_id = $1 AND kind = 'ACCOUNTABILITY_NUDGE'`, [clientId]);
    await withClockAt(clock, AFTERNOON, async () => {
      await api.as(coach.token).gql(CREATE, {
        input: { clientId: nudged.id, name: 'Rosa Recruiter', organisation: 'Initech', nextFollowUpDate: '2027-03-11' },
      });
      await api.as(coach.token).gql(CREATE, { input: { clientId: later.id, name: 'Not Yet', nextFollowUpDate: '2027-03-12' } });
      await planPeriodic(api, clock.now());
    });
    // Only follow-ups due, no action item: a nudge still, for tomorrow 08:00 in London.
    const [planned] = await nudges(nudged.id);
    expect(planned).toMatchObject({ status: 'PENDING', idempotency_key: `nudge:${nudged.id}:2027-03-11` });
    expect(planned.send_at.toISOString()).toBe('2027-03-11T08:00:00.000Z');
    expect(await nudges(later.id)).toEqual([]); // due the day after: not this nudge

    const morning = '2027-03-11T08:05:00Z';
    await withClockAt(clock, morning, async () => {
      await planPeriodic(api, clock.now()); // planned again: the same row
      await dispatchAndSend(api, clock.now());
      await planPeriodic(api, clock.now());
    });
    const rows = await nudges(nudged.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'SENT', idempotency_key: `nudge:${nudged.id}:2027-03-11` });
    const mails = smtp.messages.filter((m) => m.envelopeTo.includes(nudged.email.toLowerCase()));
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe('1 networking follow-up due');
    expect(mails[0].parsed.text).toContain('Rosa Recruiter (Initech): due today');
    expect(mails[0].parsed.html).toContain('Rosa Recruiter (Initech)');
    expect(mails[0].parsed.text).toContain('https://tandem.test/contacts');

    // The next day's nudge for the other client is planned, then withdrawn when its only follow-up is deleted.
    const [notYet] = (await api.as(coach.token).gql(CLIENTS, { id: later.id, first: 1 })).client.contacts.edges;
    await withClockAt(clock, '2027-03-11T15:00:00Z', () => planPeriodic(api, clock.now()));
    expect((await nudges(later.id)).map((r) => r.status)).toEqual(['PENDING']);
    await api.as(coach.token).gql(DELETE, { id: notYet.node.id });
    expect(await nudges(later.id)).toEqual([expect.objectContaining({ status: 'CANCELLED', reason: 'nothing due' })]);
  });

  it('keeps a nudge that still has a follow-up due when its last action item is done, and withdraws it with the follow-up', async () => {
    const both = await aClient(api, coach, { timeZone: 'Europe/London' });
    const engagement = await anEngagement(api, coach, both.id);
    const nudges = () => outboxRows(api, `client_id = $1 AND kind = 'ACCOUNTABILITY_NUDGE'`, [both.id]);
    const { createActionItem: item } = await api
      .as(coach.token)
      .gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { engagementId: engagement.id, title: 'Send the CV', dueDate: '2027-03-11' },
      });
    const { createContact: contact } = await api
      .as(coach.token)
      .gql(CREATE, { input: { clientId: both.id, name: 'Both Ways', nextFollowUpDate: '2027-03-11' } });
    await withClockAt(clock, AFTERNOON, () => planPeriodic(api, clock.now()));
    expect((await nudges()).map((r) => r.status)).toEqual(['PENDING']);
    await api.as(coach.token).gql(`mutation($id: ID!) { completeActionItem(id: $id) { status } }`, { id: item.id });
    expect((await nudges()).map((r) => r.status)).toEqual(['PENDING']);
    // Moved past the nudge's day: nothing left for it.
    expect(await api.as(clientLogin.token).errorCode(UPDATE, { id: contact.id, input: { nextFollowUpDate: '2027-03-20' } })).toBe(
      'NOT_FOUND',
    );
    expect((await nudges()).map((r) => r.status)).toEqual(['PENDING']); // another client's contact: refused, nothing changed
    await api.as(coach.token).gql(UPDATE, { id: contact.id, input: { nextFollowUpDate: '2027-03-20' } });
    expect(await nudges()).toEqual([expect.objectContaining({ status: 'CANCELLED', reason: 'nothing due' })]);
  });
});
