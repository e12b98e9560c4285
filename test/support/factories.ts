import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-api.js';

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
}

export interface OwnerSession extends Session {
  practiceId: string;
}

const unique = () => randomUUID().slice(0, 8);

/** Signs up a new practice (the sign-up, its confirmation email's link, confirmSignUp) and returns its owner's session. */
export async function anOwner(
  api: TestApi,
  overrides: { email?: string; practiceName?: string; timeZone?: string } = {},
): Promise<OwnerSession> {
  const email = overrides.email ?? `owner-${unique()}@example.com`;
  await api.anonymous().gql(`mutation($input: SignUpInput!) { signUp(input: $input) }`, {
    input: {
      practiceName: overrides.practiceName ?? `Practice ${unique()}`,
      name: 'Olive Owner',
      email,
      password: PASSWORD,
      timeZone: overrides.timeZone ?? 'Europe/London',
    },
  });
  const link = await api.takeSignUpLink(email);
  if (!link) throw Object.assign(new Error(`CONFLICT: ${email} already has an account (its owner was emailed)`), { code: 'CONFLICT' });
  const data = await api
    .anonymous()
    .gql(`mutation($token: String!) { confirmSignUp(token: $token) { accessToken refreshToken user { id } } }`, {
      token: new URL(link).searchParams.get('token'),
    });
  const [row] = await api.sql<{ practice_id: string }>('SELECT practice_id FROM app_user WHERE id = $1', [data.confirmSignUp.user.id]);
  return {
    token: data.confirmSignUp.accessToken,
    refreshToken: data.confirmSignUp.refreshToken,
    userId: data.confirmSignUp.user.id,
    practiceId: row.practice_id,
  };
}

/** A second coach in the owner's practice, invited and logged in. */
export async function aCoach(api: TestApi, owner: Session, name = 'Colin Coach'): Promise<Session> {
  const invite = await api.as(owner.token).gql(`mutation($input: InviteCoachInput!) { inviteCoach(input: $input) { inviteUrl } }`, {
    input: { name, email: `coach-${unique()}@example.com`, timeZone: 'Europe/London' },
  });
  return acceptInvite(api, invite.inviteCoach.inviteUrl);
}

export async function acceptInvite(api: TestApi, inviteUrl: string): Promise<Session> {
  const token = new URL(inviteUrl).searchParams.get('token');
  const data = await api
    .anonymous()
    .gql(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken refreshToken user { id } } }`, {
      input: { token, password: PASSWORD },
    });
  return { token: data.acceptInvite.accessToken, refreshToken: data.acceptInvite.refreshToken, userId: data.acceptInvite.user.id };
}

export interface ClientRecord {
  id: string;
  name: string;
  email: string;
}

/** A client on the caller's roster. */
export async function aClient(api: TestApi, coach: Session, overrides: Record<string, unknown> = {}): Promise<ClientRecord> {
  const data = await api.as(coach.token).gql(`mutation($input: CreateClientInput!) { createClient(input: $input) { id name email } }`, {
    input: {
      name: `Client ${unique()}`,
      email: `client-${unique()}@example.com`,
      timeZone: 'America/New_York',
      status: 'ACTIVE',
      ...overrides,
    },
  });
  return data.createClient;
}

/** Invites the client and accepts for them: their logged-in session. */
export async function aClientLogin(api: TestApi, coach: Session, clientId: string): Promise<Session> {
  const data = await api.as(coach.token).gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: clientId });
  return acceptInvite(api, data.inviteClient.inviteUrl);
}

/** An ACTIVE engagement (monthly on the 15th at 09:00 unless told otherwise) with its sessions planned. */
export async function anEngagement(
  api: TestApi,
  coach: Session,
  clientId: string,
  overrides: {
    cadence?: Record<string, unknown>;
    startDate?: string;
    activate?: boolean;
    sessionsAllotted?: number;
    sponsorId?: string;
  } = {},
): Promise<{ id: string; sessions: Array<{ id: string; startsAt: string; sequence: number }> }> {
  const data = await api
    .as(coach.token)
    .gql(`mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id sessions { id startsAt sequence } } }`, {
      input: {
        clientId,
        title: 'Leadership transition',
        startDate: overrides.startDate ?? new Date().toISOString().slice(0, 10),
        activate: overrides.activate ?? true,
        cadence: overrides.cadence ?? { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 15, localTime: '09:00' },
        ...(overrides.sessionsAllotted ? { sessionsAllotted: overrides.sessionsAllotted } : {}),
        ...(overrides.sponsorId ? { sponsorId: overrides.sponsorId } : {}),
      },
    });
  return data.createEngagement;
}
