import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type OwnerSession, type Session } from './support/factories.js';
import { TestApi } from './support/test-api.js';

/** Every field of the report, as the web app's sponsor page asks for it (apps/web/src/coach/sponsors/sponsor-reports.tsx). */
const SPONSOR_REPORT = `query SponsorReport($engagementId: ID!) { sponsorReport(engagementId: $engagementId) {
  engagementId title clientName sponsorOrganisation status phase startDate endDate sessionsAllotted
  sessionsCompleted sessionsNoShow sessionsCancelled sessionsScheduled attendanceRate
  goals { title category horizon progress } } }`;
const SHARE = `mutation($goalId: ID!, $shared: Boolean!) { setGoalSharedWithSponsor(goalId: $goalId, shared: $shared) { id sharedWithSponsorAt } }`;
const CREATE_GOAL = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id sharedWithSponsorAt } }`;

const RESIGNATION = 'Leave Acme for a competitor by Q3';
const SHAREABLE = 'Lead the Acme platform team';

describe('sponsor confidentiality: a sponsor sees only the goals the client agreed to share', () => {
  let api: TestApi;
  let owner: OwnerSession;
  let coach: Session;
  let clientLogin: Session;
  let engagementId: string;
  let sessions: Array<{ id: string }>;
  let resignationId: string;
  let shareableId: string;

  const reportBody = async (who: Session) => {
    const { body } = await api.as(who.token).raw(SPONSOR_REPORT, { engagementId });
    expect(body.errors).toBeUndefined();
    return { json: JSON.stringify(body), report: (body.data as any).sponsorReport };
  };

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    const client = await aClient(api, coach);
    clientLogin = await aClientLogin(api, coach, client.id);
    const sponsor = await api
      .as(coach.token)
      .gql(`mutation { createSponsor(input: { organisation: "Acme", contactName: "Hana HR", contactEmail: "hr@acme.test" }) { id } }`);
    const engagement = await anEngagement(api, coach, client.id, { sponsorId: sponsor.createSponsor.id, sessionsAllotted: 6 });
    engagementId = engagement.id;
    sessions = engagement.sessions;
    const goal = (title: string) =>
      api.as(coach.token).gql(CREATE_GOAL, {
        input: {
          engagementId,
          title,
          category: 'CAREER',
          horizon: 'ONE_YEAR',
          metric: { name: 'Offers', unit: 'offers', baseline: 0, target: 2 },
        },
      });
    const resignation = await goal(RESIGNATION);
    const shareable = await goal(SHAREABLE);
    expect([resignation.createGoal.sharedWithSponsorAt, shareable.createGoal.sharedWithSponsorAt]).toEqual([null, null]);
    resignationId = resignation.createGoal.id;
    shareableId = shareable.createGoal.id;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('keeps every goal out of the report until the client consents, for the owner and the coach', async () => {
    for (const who of [owner, coach]) {
      const { json, report } = await reportBody(who);
      expect(report.goals).toEqual([]);
      expect(json).not.toContain(RESIGNATION);
      expect(json).not.toContain(SHAREABLE);
    }
  });

  it('tells the client (portal query) whether the engagement has a sponsor, without naming it; an engagement without one says false', async () => {
    const PORTAL = `{ me { client { currentEngagement { id hasSponsor goals { id sharedWithSponsorAt } } } } }`;
    const mine = (await api.as(clientLogin.token).gql(PORTAL)).me.client.currentEngagement;
    expect(mine).toMatchObject({ id: engagementId, hasSponsor: true });
    expect(mine.goals.map((g: { id: string }) => g.id).sort()).toEqual([resignationId, shareableId].sort());
    const other = await aClient(api, coach);
    const unsponsored = await anEngagement(api, coach, other.id);
    expect(
      (await api.as(coach.token).gql(`query($id: ID!) { engagement(id: $id) { hasSponsor } }`, { id: unsponsored.id })).engagement
        .hasSponsor,
    ).toBe(false);
  });

  it('lets only the client consent: a coach or owner cannot share a goal for them', async () => {
    expect(await api.as(coach.token).errorCode(SHARE, { goalId: resignationId, shared: true })).toBe('FORBIDDEN');
    expect(await api.as(owner.token).errorCode(SHARE, { goalId: resignationId, shared: true })).toBe('FORBIDDEN');
    expect((await api.sql('SELECT shared_with_sponsor_at FROM goal WHERE id = $1', [resignationId]))[0]).toEqual({
      shared_with_sponsor_at: null,
    });
  });

  it('shows the one goal the client shared, never the other, and records who agreed and when', async () => {
    const shared = (await api.as(clientLogin.token).gql(SHARE, { goalId: shareableId, shared: true })).setGoalSharedWithSponsor;
    expect(shared.sharedWithSponsorAt).toEqual(expect.any(String));
    for (const who of [owner, coach]) {
      const { json, report } = await reportBody(who);
      expect(report.goals.map((g: { title: string }) => g.title)).toEqual([SHAREABLE]);
      expect(json).not.toContain(RESIGNATION);
    }
    // The coach sees the state of consent (and cannot change it).
    const seen = await api
      .as(coach.token)
      .gql(`query($id: ID!) { engagement(id: $id) { goals { id sharedWithSponsorAt } } }`, { id: engagementId });
    expect(seen.engagement.goals).toEqual(
      expect.arrayContaining([
        { id: shareableId, sharedWithSponsorAt: shared.sharedWithSponsorAt },
        { id: resignationId, sharedWithSponsorAt: null },
      ]),
    );
    const [row] = await api.sql('SELECT shared_with_sponsor_by FROM goal WHERE id = $1', [shareableId]);
    expect(row).toEqual({ shared_with_sponsor_by: clientLogin.userId });
    const events = await api.sql('SELECT action, actor_id FROM audit_event WHERE entity_id = $1 AND action LIKE $2', [
      shareableId,
      'goal.%shared_with_sponsor',
    ]);
    expect(events).toEqual([{ action: 'goal.shared_with_sponsor', actor_id: clientLogin.userId }]);
  });

  it('removes a goal from the report at once when the client withdraws consent', async () => {
    await api.as(clientLogin.token).gql(SHARE, { goalId: shareableId, shared: false });
    const { json, report } = await reportBody(coach);
    expect(report.goals).toEqual([]);
    expect(json).not.toContain(SHAREABLE);
    expect(json).not.toContain(RESIGNATION);
    const [row] = await api.sql('SELECT shared_with_sponsor_at, shared_with_sponsor_by FROM goal WHERE id = $1', [shareableId]);
    expect(row).toEqual({ shared_with_sponsor_at: null, shared_with_sponsor_by: null });
    const events = await api.sql('SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE $2 ORDER BY id', [
      shareableId,
      'goal.%shared_with_sponsor',
    ]);
    expect(events.map((e) => e.action)).toEqual(['goal.shared_with_sponsor', 'goal.unshared_with_sponsor']);
  });

  it('counts as attendance only sessions that took place; future scheduled ones are planned', async () => {
    const [held, missed, early] = sessions;
    await api.sql(`UPDATE coaching_session SET starts_at = starts_at - interval '400 days' WHERE id = ANY($1)`, [[held.id, missed.id]]);
    await api.as(coach.token).gql(`mutation($id: ID!) { completeSession(id: $id) { id } }`, { id: held.id });
    await api.as(coach.token).gql(`mutation($id: ID!) { markSessionNoShow(id: $id) { id } }`, { id: missed.id });
    // A session marked COMPLETED although it starts in the future did not take place.
    await api.sql(`UPDATE coaching_session SET status = 'COMPLETED', completed_at = now() WHERE id = $1`, [early.id]);
    const { report } = await reportBody(coach);
    expect(report).toMatchObject({ sessionsCompleted: 1, sessionsNoShow: 1, sessionsScheduled: 3, attendanceRate: 0.5 });
  });

  it('keeps the client’s networking contacts out of the report, whoever wrote them', async () => {
    const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`;
    const [client] = await api.sql<{ client_id: string }>('SELECT client_id FROM engagement WHERE id = $1', [engagementId]);
    await api.as(clientLogin.token).gql(CREATE_CONTACT, {
      input: { name: 'Rita Rival', organisation: 'Competitor Corp', howMet: 'Headhunter call', notes: 'Offer expected in May' },
    });
    await api.as(coach.token).gql(CREATE_CONTACT, {
      input: { clientId: client.client_id, name: 'Hank Hiring', organisation: 'Other Rival Ltd', nextFollowUpDate: '2026-01-05' },
    });
    for (const who of [owner, coach]) {
      const { json } = await reportBody(who);
      for (const text of [
        'Rita Rival',
        'Competitor Corp',
        'Headhunter call',
        'Offer expected',
        'Hank Hiring',
        'Other Rival Ltd',
        '2026-01-05',
      ]) {
        expect(json).not.toContain(text);
      }
    }
  });

  it('sends the sponsor no email at all', async () => {
    const [sponsorMail] = await api.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM notification WHERE lower(recipient_email) = 'hr@acme.test'`,
    );
    expect(sponsorMail).toEqual({ count: 0 });
    const [mentions] = await api.sql<{ count: number }>(`SELECT count(*)::int AS count FROM notification WHERE data::text LIKE $1`, [
      `%${RESIGNATION}%`,
    ]);
    expect(mentions).toEqual({ count: 0 });
  });
});
