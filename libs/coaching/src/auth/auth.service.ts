import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Clock } from '#tandem/clock';
import { passwordProblem, type PasswordContext } from '#tandem/passwords';
import { BadUserInputError, ConflictError, RateLimitedError, UnauthenticatedError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { Client } from '../client/client.entity.js';
import { Practice } from '../practice/practice.entity.js';
import { User } from '../user/user.entity.js';
import { AccessTokenService } from './access-token.service.js';
import type { AcceptInviteInput, InviteCoachInput, LogInInput, ResetPasswordInput, SignUpInput } from './auth.inputs.js';
import type { AuthPayload, InvitePayload } from './auth.models.js';
import { markAuthenticated } from './authenticated-user.js';
import { LoginAttempt } from './login-attempt.entity.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { AccountRequests } from './account-requests.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { SessionRevocations } from './session-revocations.js';
import { UserToken } from './user-token.entity.js';
import { findUserByEmail, INVALID_LINK, UserTokens } from './user-tokens.js';

const REFRESH_TOKEN_DAYS = 30;
const INVITE_DAYS = 7;
const LOGIN_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

const INVALID_LOGIN = 'Invalid email or password';

const days = (n: number) => n * 24 * 3600 * 1000;

/** Length is checked at the edge (the inputs); common, repetitive and personal passwords here. */
function assertPasswordAcceptable(password: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new BadUserInputError(problem, 'password');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly tokens: AccessTokenService,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly sessions: SessionRevocations,
    private readonly userTokens: UserTokens,
    private readonly accountRequests: AccountRequests,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the sign-up for the worker (AccountRequests), which emails a link that opens the
   * practice, or tells the address's owner that it has an account: the answer and the work
   * here are the same either way.
   */
  async signUp(input: SignUpInput): Promise<boolean> {
    assertPasswordAcceptable(input.password, { email: input.email, names: [input.name, input.practiceName] });
    const passwordHash = await hashPassword(input.password);
    await this.accountRequests.record('SIGN_UP', input.email, {
      practiceName: input.practiceName,
      name: input.name,
      timeZone: input.timeZone,
      passwordHash,
    });
    return true;
  }

  /** Creates the owner's account from a sign-up link and logs them in. */
  async confirmSignUp(token: string): Promise<AuthPayload> {
    const stored = await this.userTokens.consume(token, ['SIGN_UP']);
    if (!stored.name || !stored.passwordHash) throw new BadUserInputError(INVALID_LINK, 'token');
    // Whoever opened the link reads this address's mail: they may learn it has an account.
    if (await findUserByEmail(this.db.manager, stored.email))
      throw new ConflictError('This address has an account already: log in instead');
    const practice = await this.db.manager.findOneByOrFail(Practice, { id: stored.practiceId });
    const user = await this.db.manager.save(
      User,
      this.db.manager.create(User, {
        practiceId: practice.id,
        email: stored.email.toLowerCase(),
        name: stored.name,
        role: 'OWNER',
        timeZone: stored.timeZone ?? practice.timeZone,
        passwordHash: stored.passwordHash,
      }),
    );
    await this.audit.record({ userId: user.id, practiceId: practice.id }, practice.id, 'practice.signed_up', 'Practice', practice.id);
    return this.issueTokens(user, randomUUID());
  }

  /**
   * Reads and checks the password with no connection held (the resolver is @OwnTransaction),
   * then writes the attempt, the audit event and the tokens in one transaction.
   */
  async logIn(input: LogInInput, ip: string): Promise<AuthPayload> {
    await this.assertNotRateLimited(input.email, ip);
    const user = await findUserByEmail(this.db.manager, input.email);
    const valid =
      user?.passwordHash && !user.disabled
        ? await verifyPassword(input.password, user.passwordHash)
        : await verifyAgainstDummy(input.password);
    if (!valid || !user) {
      await this.db.evenIfRolledBack((manager) => manager.insert(LoginAttempt, { email: input.email, ip, succeeded: false }));
      throw new UnauthenticatedError(INVALID_LOGIN);
    }
    const { result } = await this.db.transaction(async () => {
      await this.db.manager.insert(LoginAttempt, { email: input.email, ip, succeeded: true });
      await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.logged_in', 'User', user.id, { ip });
      return this.issueTokens(user, randomUUID());
    });
    return result;
  }

  /** Exchanges a refresh token for a new pair. Presenting an already-rotated token revokes its whole family. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const stored = await this.db.manager.findOne(RefreshToken, {
      where: { tokenHash: hashSecretToken(refreshToken) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!stored) throw new UnauthenticatedError('Your session has ended; log in again');
    if (stored.revokedAt) {
      const familyId = stored.familyId;
      await this.db.evenIfRolledBack((manager) =>
        manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() }),
      );
      this.sessions.ended([familyId]);
      throw new UnauthenticatedError('Your session has ended; log in again');
    }
    const user = await this.db.manager.findOneBy(User, { id: stored.userId });
    if (stored.expiresAt <= this.clock.now() || !user || user.disabled)
      throw new UnauthenticatedError('Your session has ended; log in again');
    await this.db.manager.update(RefreshToken, { id: stored.id }, { revokedAt: this.clock.now() });
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.refreshed_session', 'User', user.id);
    return this.issueTokens(user, stored.familyId);
  }

  /** Ends the session the refresh token belongs to (every token of its family). */
  async logOut(refreshToken: string): Promise<boolean> {
    const stored = await this.db.manager.findOneBy(RefreshToken, { tokenHash: hashSecretToken(refreshToken) });
    if (stored) {
      await this.db.manager.update(RefreshToken, { familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      await this.audit.record(
        { userId: stored.userId, practiceId: stored.practiceId },
        stored.practiceId,
        'user.logged_out',
        'User',
        stored.userId,
      );
      this.sessions.ended([stored.familyId]);
    }
    return true;
  }

  /** Records the request for the worker (AccountRequests); always answers true, after the same work whatever the address. */
  async requestPasswordReset(email: string): Promise<boolean> {
    await this.accountRequests.record('PASSWORD_RESET', email);
    return true;
  }

  async resetPassword(input: ResetPasswordInput): Promise<boolean> {
    const token = await this.userTokens.consume(input.token, ['PASSWORD_RESET']);
    const user = await this.db.manager.findOneBy(User, { id: token.userId ?? '' });
    if (!user || user.disabled) throw new BadUserInputError(INVALID_LINK, 'token');
    assertPasswordAcceptable(input.password, { email: user.email, names: [user.name] });
    await this.db.manager.update(User, { id: user.id }, { passwordHash: await hashPassword(input.password) });
    // A new password ends every existing session.
    const ended = await this.db.manager.query<[Array<{ family_id: string }>, number]>(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [user.id],
    );
    this.sessions.ended([...new Set(ended[0].map((row) => row.family_id))]);
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.password_reset', 'User', user.id);
    return true;
  }

  async inviteClient(actor: Actor, clientId: string): Promise<InvitePayload> {
    const client = await this.scope.get(actor, Client, clientId, 'Client');
    if (client.userId) throw new ConflictError('This client can already log in');
    // An address with an account (in any practice) gets the same answer and the same work; only
    // the email differs, telling its owner to log in: the coach learns nothing about other practices.
    const accountExists = (await findUserByEmail(this.db.manager, client.email)) !== null;
    // Only the newest invite works.
    await this.db.manager.update(UserToken, { clientId: client.id, kind: 'CLIENT_INVITE', usedAt: IsNull() }, { usedAt: this.clock.now() });
    const token = await this.userTokens.create(
      'CLIENT_INVITE',
      actor.practiceId,
      client.email,
      { clientId: client.id, createdById: actor.userId },
      days(INVITE_DAYS),
    );
    await this.audit.record(actor, actor.practiceId, 'client.invited', 'Client', client.id);
    return this.emailInvite(actor, token, { email: client.email, name: client.name, timeZone: client.timeZone, accountExists });
  }

  /**
   * Emails the coach a link that creates their account. As with clients, an address that has an
   * account (in any practice) gets the same answer and the same work; its email says so.
   */
  async inviteCoach(actor: Actor, input: InviteCoachInput): Promise<InvitePayload> {
    const accountExists = (await findUserByEmail(this.db.manager, input.email)) !== null;
    const token = await this.userTokens.create(
      'COACH_INVITE',
      actor.practiceId,
      input.email,
      { createdById: actor.userId, name: input.name, timeZone: input.timeZone },
      days(INVITE_DAYS),
    );
    await this.audit.record(actor, actor.practiceId, 'coach.invited', 'UserToken', token.id);
    return this.emailInvite(actor, token, { email: input.email, name: input.name, timeZone: input.timeZone, accountExists });
  }

  /** Emails an invite's link, whether or not the address has an account (only the email's wording differs), and answers with it. */
  private async emailInvite(
    actor: Actor,
    token: { id: string; token: string; expiresAt: Date },
    invitee: { email: string; name: string; timeZone: string; accountExists: boolean },
  ): Promise<InvitePayload> {
    const url = this.userTokens.link('/accept-invite', token.token);
    await this.events.linkEmailRequested({
      kind: 'INVITE',
      practiceId: actor.practiceId,
      email: invitee.email,
      userId: null,
      timeZone: invitee.timeZone,
      recipientName: invitee.name,
      url,
      tokenId: token.id,
      accountExists: invitee.accountExists,
    });
    return { inviteUrl: url, expiresAt: token.expiresAt };
  }

  /** Creates the invitee's account with their password and logs them in. */
  async acceptInvite(input: AcceptInviteInput): Promise<AuthPayload> {
    const token = await this.userTokens.consume(input.token, ['CLIENT_INVITE', 'COACH_INVITE']);
    assertPasswordAcceptable(input.password, { email: token.email, names: [input.name] });
    const passwordHash = await hashPassword(input.password);
    const user =
      token.kind === 'COACH_INVITE'
        ? await this.acceptCoachInvite(token, input, passwordHash)
        : await this.acceptClientInvite(token, input, passwordHash);
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.accepted_invite', 'User', user.id);
    return this.issueTokens(await this.db.manager.findOneByOrFail(User, { id: user.id }), randomUUID());
  }

  private async acceptCoachInvite(token: UserToken, input: AcceptInviteInput, passwordHash: string): Promise<User> {
    // Invites made before coach accounts waited for acceptance point at an account without a password.
    if (token.userId) {
      await this.db.manager.update(User, { id: token.userId }, { passwordHash, ...(input.name ? { name: input.name } : {}) });
      return this.db.manager.findOneByOrFail(User, { id: token.userId });
    }
    // The address got an account since (or had one: the invite email said so): the link just no longer works.
    if (await findUserByEmail(this.db.manager, token.email)) throw new BadUserInputError(INVALID_LINK, 'token');
    const practice = await this.db.manager.findOneByOrFail(Practice, { id: token.practiceId });
    return this.db.manager.save(
      User,
      this.db.manager.create(User, {
        practiceId: token.practiceId,
        email: token.email.toLowerCase(),
        name: input.name ?? token.name ?? token.email,
        role: 'COACH',
        timeZone: token.timeZone ?? practice.timeZone,
        passwordHash,
      }),
    );
  }

  private async acceptClientInvite(token: UserToken, input: AcceptInviteInput, passwordHash: string): Promise<User> {
    const client = await this.db.manager.findOneBy(Client, { id: token.clientId ?? '' });
    if (!client || client.userId || (await findUserByEmail(this.db.manager, client.email)))
      throw new BadUserInputError(INVALID_LINK, 'token');
    const user = await this.db.manager.save(
      User,
      this.db.manager.create(User, {
        practiceId: client.practiceId,
        email: client.email.toLowerCase(),
        name: input.name ?? client.name,
        role: 'CLIENT',
        timeZone: client.timeZone,
        passwordHash,
      }),
    );
    await this.db.manager.update(Client, { id: client.id }, { userId: user.id });
    return user;
  }

  private async issueTokens(user: User, familyId: string): Promise<AuthPayload> {
    const clientId =
      user.role === 'CLIENT'
        ? ((await this.db.manager.findOne(Client, { where: { userId: user.id }, select: { id: true } }))?.id ?? null)
        : null;
    const actor: Actor = { userId: user.id, practiceId: user.practiceId, role: user.role, clientId };
    const access = await this.tokens.issue(actor, familyId);
    markAuthenticated(user, actor);
    const refresh = newSecretToken();
    await this.db.manager.insert(RefreshToken, {
      practiceId: user.practiceId,
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: new Date(this.clock.now().getTime() + days(REFRESH_TOKEN_DAYS)),
    });
    this.sessions.started(familyId);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, user };
  }

  private async assertNotRateLimited(email: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - LOGIN_WINDOW_MINUTES * 60_000);
    const [{ byEmail, byIp }] = await this.db.manager.query<[{ byEmail: number; byIp: number }]>(
      `SELECT count(*) FILTER (WHERE lower(email) = $1)::int AS "byEmail", count(*) FILTER (WHERE ip = $2)::int AS "byIp"
         FROM login_attempt WHERE NOT succeeded AND attempted_at > $3 AND (lower(email) = $1 OR ip = $2)`,
      [email, ip, since],
    );
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) throw new RateLimitedError(LOGIN_WINDOW_MINUTES * 60);
  }
}
