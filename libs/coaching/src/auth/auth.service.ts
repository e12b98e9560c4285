import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AppConfig } from '#tandem/config';
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
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { SessionRevocations } from './session-revocations.js';
import { UserToken, type UserTokenKind } from './user-token.entity.js';

const REFRESH_TOKEN_DAYS = 30;
const INVITE_DAYS = 7;
const RESET_HOURS = 1;
const LOGIN_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;
const MAX_RESETS_PER_HOUR = 3;

const INVALID_LOGIN = 'Invalid email or password';
const INVALID_LINK = 'This link is invalid, was already used or has expired';

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
    private readonly config: AppConfig,
    private readonly sessions: SessionRevocations,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayload> {
    assertPasswordAcceptable(input.password, { email: input.email, names: [input.name, input.practiceName] });
    await this.assertEmailFree(input.email);
    const practice = await this.db.manager.save(
      Practice,
      this.db.manager.create(Practice, { name: input.practiceName, timeZone: input.timeZone }),
    );
    const user = await this.db.manager.save(
      User,
      this.db.manager.create(User, {
        practiceId: practice.id,
        email: input.email,
        name: input.name,
        role: 'OWNER',
        timeZone: input.timeZone,
        passwordHash: await hashPassword(input.password),
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
    const user = await this.findUserByEmail(input.email);
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
        manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() }),
      );
      this.sessions.ended([familyId]);
      throw new UnauthenticatedError('Your session has ended; log in again');
    }
    const user = await this.db.manager.findOneBy(User, { id: stored.userId });
    if (stored.expiresAt <= new Date() || !user || user.disabled) throw new UnauthenticatedError('Your session has ended; log in again');
    await this.db.manager.update(RefreshToken, { id: stored.id }, { revokedAt: new Date() });
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.refreshed_session', 'User', user.id);
    return this.issueTokens(user, stored.familyId);
  }

  /** Ends the session the refresh token belongs to (every token of its family). */
  async logOut(refreshToken: string): Promise<boolean> {
    const stored = await this.db.manager.findOneBy(RefreshToken, { tokenHash: hashSecretToken(refreshToken) });
    if (stored) {
      await this.db.manager.update(RefreshToken, { familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
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

  /** Always answers true, so the answer does not reveal whether an account exists. */
  async requestPasswordReset(email: string): Promise<boolean> {
    const user = await this.findUserByEmail(email);
    if (!user || user.disabled || !user.passwordHash) return true;
    const recent = await this.db.manager.countBy(UserToken, {
      userId: user.id,
      kind: 'PASSWORD_RESET',
      createdAt: MoreThan(new Date(Date.now() - 3600_000)),
    });
    if (recent >= MAX_RESETS_PER_HOUR) return true;
    const token = await this.createUserToken('PASSWORD_RESET', user.practiceId, user.email, { userId: user.id }, RESET_HOURS * 3600_000);
    await this.audit.record(null, user.practiceId, 'user.password_reset_requested', 'User', user.id);
    await this.events.linkEmailRequested({
      kind: 'PASSWORD_RESET',
      practiceId: user.practiceId,
      email: user.email,
      userId: user.id,
      timeZone: user.timeZone,
      recipientName: user.name,
      url: this.link('/reset-password', token.token),
      tokenId: token.id,
    });
    return true;
  }

  async resetPassword(input: ResetPasswordInput): Promise<boolean> {
    const token = await this.consumeUserToken(input.token, ['PASSWORD_RESET']);
    const user = await this.db.manager.findOneBy(User, { id: token.userId ?? '' });
    if (!user || user.disabled) throw new BadUserInputError(INVALID_LINK, 'token');
    assertPasswordAcceptable(input.password, { email: user.email, names: [user.name] });
    await this.db.manager.update(User, { id: user.id }, { passwordHash: await hashPassword(input.password) });
    // A new password ends every existing session.
    const ended = (await this.db.manager.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [user.id],
    )) as [Array<{ family_id: string }>, number];
    this.sessions.ended([...new Set(ended[0].map((row) => row.family_id))]);
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.password_reset', 'User', user.id);
    return true;
  }

  async inviteClient(actor: Actor, clientId: string): Promise<InvitePayload> {
    const client = await this.scope.get(actor, Client, clientId, 'Client');
    if (client.userId) throw new ConflictError('This client can already log in');
    // An address with an account (in any practice) gets the same answer and the same work; only
    // the email differs, telling its owner to log in: the coach learns nothing about other practices.
    const accountExists = (await this.findUserByEmail(client.email)) !== null;
    // Only the newest invite works.
    await this.db.manager.update(UserToken, { clientId: client.id, kind: 'CLIENT_INVITE', usedAt: IsNull() }, { usedAt: new Date() });
    const token = await this.createUserToken(
      'CLIENT_INVITE',
      actor.practiceId,
      client.email,
      { clientId: client.id, createdById: actor.userId },
      days(INVITE_DAYS),
    );
    await this.audit.record(actor, actor.practiceId, 'client.invited', 'Client', client.id);
    const url = this.link('/accept-invite', token.token);
    await this.events.linkEmailRequested({
      kind: 'INVITE',
      practiceId: actor.practiceId,
      email: client.email,
      userId: null,
      timeZone: client.timeZone,
      recipientName: client.name,
      url,
      tokenId: token.id,
      accountExists,
    });
    return { inviteUrl: url, expiresAt: token.expiresAt };
  }

  async inviteCoach(actor: Actor, input: InviteCoachInput): Promise<InvitePayload> {
    await this.assertEmailFree(input.email);
    const coach = await this.db.manager.save(
      User,
      this.db.manager.create(User, {
        practiceId: actor.practiceId,
        email: input.email,
        name: input.name,
        role: 'COACH',
        timeZone: input.timeZone,
        passwordHash: null,
      }),
    );
    const token = await this.createUserToken(
      'COACH_INVITE',
      actor.practiceId,
      input.email,
      { userId: coach.id, createdById: actor.userId },
      days(INVITE_DAYS),
    );
    await this.audit.record(actor, actor.practiceId, 'coach.invited', 'User', coach.id);
    const url = this.link('/accept-invite', token.token);
    await this.events.linkEmailRequested({
      kind: 'INVITE',
      practiceId: actor.practiceId,
      email: input.email,
      userId: coach.id,
      timeZone: input.timeZone,
      recipientName: input.name,
      url,
      tokenId: token.id,
    });
    return { inviteUrl: url, expiresAt: token.expiresAt };
  }

  /** Sets the invitee's password and logs them in. */
  async acceptInvite(input: AcceptInviteInput): Promise<AuthPayload> {
    const token = await this.consumeUserToken(input.token, ['CLIENT_INVITE', 'COACH_INVITE']);
    assertPasswordAcceptable(input.password, { email: token.email, names: [input.name] });
    const passwordHash = await hashPassword(input.password);
    let user: User;
    if (token.kind === 'COACH_INVITE') {
      user = await this.db.manager.findOneByOrFail(User, { id: token.userId ?? '' });
      await this.db.manager.update(User, { id: user.id }, { passwordHash, ...(input.name ? { name: input.name } : {}) });
    } else {
      const client = await this.db.manager.findOneBy(Client, { id: token.clientId ?? '' });
      // The address got an account since (or had one: the invite email said so): the link just no longer works.
      if (!client || client.userId || (await this.findUserByEmail(client.email))) throw new BadUserInputError(INVALID_LINK, 'token');
      user = await this.db.manager.save(
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
    }
    await this.audit.record({ userId: user.id, practiceId: user.practiceId }, user.practiceId, 'user.accepted_invite', 'User', user.id);
    return this.issueTokens(await this.db.manager.findOneByOrFail(User, { id: user.id }), randomUUID());
  }

  /** A page of the web app that takes a one-time token. */
  private link(path: string, token: string): string {
    return `${this.config.appUrl}${path}?token=${encodeURIComponent(token)}`;
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
      expiresAt: new Date(Date.now() + days(REFRESH_TOKEN_DAYS)),
    });
    this.sessions.started(familyId);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, user };
  }

  private async assertNotRateLimited(email: string, ip: string): Promise<void> {
    const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
    const [{ byEmail, byIp }] = (await this.db.manager.query(
      `SELECT count(*) FILTER (WHERE lower(email) = $1)::int AS "byEmail", count(*) FILTER (WHERE ip = $2)::int AS "byIp"
         FROM login_attempt WHERE NOT succeeded AND attempted_at > $3 AND (lower(email) = $1 OR ip = $2)`,
      [email, ip, since],
    )) as [{ byEmail: number; byIp: number }];
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) throw new RateLimitedError(LOGIN_WINDOW_MINUTES * 60);
  }

  private findUserByEmail(email: string): Promise<User | null> {
    return this.db.manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.findUserByEmail(email)) throw new ConflictError(`An account already uses ${email}`);
  }

  private async createUserToken(
    kind: UserTokenKind,
    practiceId: string,
    email: string,
    refs: { userId?: string; clientId?: string; createdById?: string },
    lifetimeMs: number,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const secret = newSecretToken();
    const expiresAt = new Date(Date.now() + lifetimeMs);
    const inserted = await this.db.manager.insert(UserToken, {
      kind,
      practiceId,
      email,
      tokenHash: secret.hash,
      expiresAt,
      userId: refs.userId ?? null,
      clientId: refs.clientId ?? null,
      createdById: refs.createdById ?? null,
    });
    return { id: String(inserted.identifiers[0].id), token: secret.token, expiresAt };
  }

  private async consumeUserToken(token: string, kinds: UserTokenKind[]): Promise<UserToken> {
    const stored = await this.db.manager.findOne(UserToken, {
      where: { tokenHash: hashSecretToken(token) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!stored || !kinds.includes(stored.kind) || stored.usedAt || stored.expiresAt <= new Date())
      throw new BadUserInputError(INVALID_LINK, 'token');
    await this.db.manager.update(UserToken, { id: stored.id }, { usedAt: new Date() });
    return stored;
  }
}
