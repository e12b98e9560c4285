import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '#tandem/config';
import { BadUserInputError } from '#tandem/errors';
import { Clock } from '#tandem/clock';
import { Db } from '../access/db.js';
import { User } from '../user/user.entity.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { UserToken, type UserTokenKind } from './user-token.entity.js';

export const INVALID_LINK = 'This link is invalid, was already used or has expired';

/** What a token carries besides its kind, practice and address. */
export interface UserTokenFields {
  userId?: string;
  clientId?: string;
  createdById?: string;
  name?: string;
  timeZone?: string;
  passwordHash?: string;
}

/** The account whose address this is, in any practice (addresses are compared case-insensitively). */
export function findUserByEmail(manager: EntityManager, email: string): Promise<User | null> {
  return manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
}

/** One-time emailed tokens: created, consumed once, and the web page link that carries one. */
@Injectable()
export class UserTokens {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(
    kind: UserTokenKind,
    practiceId: string,
    email: string,
    fields: UserTokenFields,
    lifetimeMs: number,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const secret = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + lifetimeMs);
    const inserted = await this.db.manager.insert(UserToken, {
      kind,
      practiceId,
      email,
      tokenHash: secret.hash,
      expiresAt,
      userId: fields.userId ?? null,
      clientId: fields.clientId ?? null,
      createdById: fields.createdById ?? null,
      name: fields.name ?? null,
      timeZone: fields.timeZone ?? null,
      passwordHash: fields.passwordHash ?? null,
    });
    return { id: String(inserted.identifiers[0].id), token: secret.token, expiresAt };
  }

  /** Marks the token used (in the caller's transaction) and returns it; BAD_USER_INPUT on `token` when it cannot be used. */
  async consume(token: string, kinds: readonly UserTokenKind[]): Promise<UserToken> {
    const stored = await this.db.manager.findOne(UserToken, {
      where: { tokenHash: hashSecretToken(token) },
      lock: { mode: 'pessimistic_write' },
    });
    const now = this.clock.now();
    if (!stored || !kinds.includes(stored.kind) || stored.usedAt || stored.expiresAt <= now)
      throw new BadUserInputError(INVALID_LINK, 'token');
    await this.db.manager.update(UserToken, { id: stored.id }, { usedAt: now });
    return stored;
  }

  /** A page of the web app that takes a one-time token. */
  link(path: string, token: string): string {
    return `${this.config.appUrl}${path}?token=${encodeURIComponent(token)}`;
  }
}
