import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoachingReads, isUuid } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { NOTIFICATION_KINDS, TRANSACTIONAL_KINDS, type NotificationKind } from '../notification.entity.js';
import { withdrawPendingEmails } from '../opt-out.js';
import { verifyUnsubscribeToken } from './unsubscribe-token.js';

/** What a valid link asks for: stop one kind of email, or (kind null) every non-transactional one. */
export interface UnsubscribeRequest {
  practiceId: string;
  email: string;
  kind: NotificationKind | null;
}

export type UnsubscribeScope = 'kind' | 'all';

const OPTIONAL_KINDS = NOTIFICATION_KINDS.filter((kind) => !TRANSACTIONAL_KINDS.includes(kind));

@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly coaching: CoachingReads,
  ) {}

  /**
   * The request a token carries, or null when the token is invalid, tampered with or expired,
   * names nothing one can unsubscribe from, or names a practice that no longer exists.
   */
  async resolve(token: unknown, now: Date): Promise<UnsubscribeRequest | null> {
    const request = this.read(token, now);
    if (!request) return null;
    return (await this.coaching.practiceName(request.practiceId)) === null ? null : request;
  }

  private read(token: unknown, now: Date): UnsubscribeRequest | null {
    if (typeof token !== 'string') return null;
    const claims = verifyUnsubscribeToken(token, this.config.jwtSecret, now);
    if (!claims || !isUuid(claims.practiceId) || claims.email.length > 320 || !claims.email.includes('@')) return null;
    if (claims.kind === null) return { practiceId: claims.practiceId, email: claims.email, kind: null };
    const kind = OPTIONAL_KINDS.find((known) => known === claims.kind);
    return kind ? { practiceId: claims.practiceId, email: claims.email, kind } : null;
  }

  /**
   * Records the choice in email_preference; doing it again changes nothing.
   * False when the practice is gone by now (nothing is written then).
   */
  async unsubscribe(request: UnsubscribeRequest, scope: UnsubscribeScope): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const all = scope === 'all' || request.kind === null;
      const rows: unknown[] = all
        ? await manager.query(
            `INSERT INTO email_preference (practice_id, email, unsubscribed_at)
             SELECT id, lower($2), now() FROM practice WHERE id = $1
             ON CONFLICT (practice_id, lower(email)) DO UPDATE
               SET unsubscribed_at = coalesce(email_preference.unsubscribed_at, excluded.unsubscribed_at), updated_at = now()
             RETURNING id`,
            [request.practiceId, request.email],
          )
        : await manager.query(
            `INSERT INTO email_preference (practice_id, email, disabled_kinds)
             SELECT id, lower($2), ARRAY[$3::varchar] FROM practice WHERE id = $1
             ON CONFLICT (practice_id, lower(email)) DO UPDATE
               SET disabled_kinds = CASE WHEN $3::varchar = ANY (email_preference.disabled_kinds) THEN email_preference.disabled_kinds
                                         ELSE array_append(email_preference.disabled_kinds, $3::varchar) END,
                   updated_at = now()
             RETURNING id`,
            [request.practiceId, request.email, request.kind],
          );
      // The same transaction withdraws what was already planned for the address.
      if (rows.length) await withdrawPendingEmails(manager, request.practiceId, request.email, all ? 'all' : [request.kind!]);
      return rows.length > 0;
    });
  }
}
