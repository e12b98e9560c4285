import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { AuditService } from '../audit/audit.service.js';
import { Practice } from '../practice/practice.entity.js';
import type { AccountRequestKind, SignUpDetails } from './account-request.entity.js';
import { findUserByEmail, UserTokens } from './user-tokens.js';

export const SIGN_UP_LINK_HOURS = 24;
export const RESET_LINK_HOURS = 1;
/** Emails an address receives from sign-ups or resets in an hour, whoever asks: no one can flood a mailbox. */
export const MAX_EMAILS_PER_ADDRESS_PER_HOUR = 3;
const HOUR_MS = 3600_000;

export type AccountRequestOutcome = 'CONFIRMATION_SENT' | 'ACCOUNT_EXISTS' | 'RESET_SENT' | 'NO_ACCOUNT' | 'TOO_MANY' | 'FAILED';

interface PendingRequest {
  id: string;
  kind: AccountRequestKind;
  email: string;
  details: Partial<SignUpDetails>;
}

/**
 * Answers sign-up and password-reset requests off the request path (the worker runs it every
 * second), so what the API does and answers is the same whether the address has an account:
 * - a sign-up to a free address opens the practice and emails a link that creates the owner's
 *   account (confirmSignUp); to an address with an account, its owner is told instead;
 * - a reset of an address with a password emails a one-hour link; any other address gets nothing.
 * Each request is answered once, in its own transaction, taken with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class AccountRequests {
  private readonly logger = new Logger('AccountRequests');

  constructor(
    private readonly db: Db,
    private readonly tokens: UserTokens,
    private readonly events: CoachingEvents,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Records a request as it arrives: one row, whatever the address. */
  async record(kind: AccountRequestKind, email: string, details: Partial<SignUpDetails> = {}): Promise<void> {
    await this.db.manager.query(`INSERT INTO account_request (kind, email, details, created_at) VALUES ($1, $2, $3, $4)`, [
      kind,
      email,
      details,
      this.clock.now(),
    ]);
  }

  /** Answers up to `limit` waiting requests, oldest first; returns how many it answered. */
  async answerPending(limit = 200): Promise<number> {
    let answered = 0;
    while (answered < limit && (await this.answerNext())) answered++;
    return answered;
  }

  /** Answers the waiting requests of one address now, in the caller's transaction if there is one (tests and scripts). */
  async answerPendingFor(email: string): Promise<number> {
    let answered = 0;
    while (await this.answerNext(email)) answered++;
    return answered;
  }

  private async answerNext(email?: string): Promise<PendingRequest | undefined> {
    let taken: PendingRequest | undefined;
    try {
      const { result } = await this.db.transaction(async () => {
        const [request] = await this.db.manager.query<PendingRequest[]>(
          `SELECT id, kind, email, details FROM account_request WHERE processed_at IS NULL AND ($1::text IS NULL OR lower(email) = lower($1))
            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [email ?? null],
        );
        if (!request) return undefined;
        taken = request;
        await this.finish(request.id, await this.answer(request));
        return request;
      });
      return result;
    } catch (error) {
      if (!taken) throw error;
      // One request that cannot be answered must not hold up the others behind it.
      this.logger.error(`could not answer ${taken.kind} request ${taken.id}: ${String(error)}`);
      await this.finish(taken.id, 'FAILED');
      return taken;
    }
  }

  private finish(id: string, outcome: AccountRequestOutcome): Promise<unknown> {
    return this.db.manager.query(`UPDATE account_request SET processed_at = $2, outcome = $3, details = '{}' WHERE id = $1`, [
      id,
      this.clock.now(),
      outcome,
    ]);
  }

  private async answer(request: PendingRequest): Promise<AccountRequestOutcome> {
    if (await this.tooManyEmails(request)) return 'TOO_MANY';
    return request.kind === 'SIGN_UP' ? this.answerSignUp(request) : this.answerPasswordReset(request);
  }

  private async tooManyEmails(request: PendingRequest): Promise<boolean> {
    const [{ sent }] = await this.db.manager.query<[{ sent: number }]>(
      `SELECT count(*)::int AS sent FROM account_request
        WHERE lower(email) = lower($1) AND created_at > $2 AND outcome IN ('CONFIRMATION_SENT', 'ACCOUNT_EXISTS', 'RESET_SENT')`,
      [request.email, new Date(this.clock.now().getTime() - HOUR_MS)],
    );
    return sent >= MAX_EMAILS_PER_ADDRESS_PER_HOUR;
  }

  private async answerSignUp(request: PendingRequest): Promise<AccountRequestOutcome> {
    const existing = await findUserByEmail(this.db.manager, request.email);
    if (existing) {
      await this.events.linkEmailRequested({
        kind: 'ACCOUNT_EXISTS',
        practiceId: existing.practiceId,
        email: existing.email,
        userId: existing.id,
        timeZone: existing.timeZone,
        recipientName: existing.name,
        tokenId: request.id,
      });
      return 'ACCOUNT_EXISTS';
    }
    const { practiceName, name, timeZone, passwordHash } = request.details;
    if (!practiceName || !name || !timeZone || !passwordHash) throw new Error('sign-up request without its details');
    const practice = await this.db.manager.save(Practice, this.db.manager.create(Practice, { name: practiceName, timeZone }));
    const token = await this.tokens.create(
      'SIGN_UP',
      practice.id,
      request.email,
      { name, timeZone, passwordHash },
      SIGN_UP_LINK_HOURS * HOUR_MS,
    );
    await this.events.linkEmailRequested({
      kind: 'SIGN_UP',
      practiceId: practice.id,
      email: request.email,
      userId: null,
      timeZone,
      recipientName: name,
      url: this.tokens.link('/confirm-sign-up', token.token),
      tokenId: token.id,
    });
    return 'CONFIRMATION_SENT';
  }

  private async answerPasswordReset(request: PendingRequest): Promise<AccountRequestOutcome> {
    const user = await findUserByEmail(this.db.manager, request.email);
    if (!user || user.disabled || !user.passwordHash) return 'NO_ACCOUNT';
    const token = await this.tokens.create('PASSWORD_RESET', user.practiceId, user.email, { userId: user.id }, RESET_LINK_HOURS * HOUR_MS);
    await this.audit.record(null, user.practiceId, 'user.password_reset_requested', 'User', user.id);
    await this.events.linkEmailRequested({
      kind: 'PASSWORD_RESET',
      practiceId: user.practiceId,
      email: user.email,
      userId: user.id,
      timeZone: user.timeZone,
      recipientName: user.name,
      url: this.tokens.link('/reset-password', token.token),
      tokenId: token.id,
    });
    return 'RESET_SENT';
  }
}
