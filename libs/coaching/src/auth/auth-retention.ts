import { Injectable } from '@nestjs/common';
import { Db } from '../access/db.js';

/** Rows deleted per statement: each batch is its own short transaction. */
export const RETENTION_BATCH = 5000;

export interface AuthPurge {
  loginAttempts: number;
  userTokens: number;
  refreshTokens: number;
  accountRequests: number;
  unconfirmedPractices: number;
}

/**
 * Deletes the sign-in records nothing needs any more, older than `cutoff`:
 * - log-in attempts (the rate limits look back 15 minutes);
 * - one-time tokens (invites, password resets) used or expired before it;
 * - refresh tokens expired before it. A rotated or revoked one is kept until then, so
 *   presenting it again still revokes its whole family;
 * - sign-up and reset requests answered before it;
 * - practices opened by a sign-up whose link was never used and expired before it (no account
 *   was ever created in them), with their token and emails.
 * Batches take their rows with FOR UPDATE SKIP LOCKED, so several workers may run it at once.
 */
@Injectable()
export class AuthRetention {
  constructor(private readonly db: Db) {}

  async purge(cutoff: Date): Promise<AuthPurge> {
    return {
      unconfirmedPractices: await this.deleteInBatches(
        'practice',
        `created_at < $1 AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.practice_id = practice.id)
           AND EXISTS (SELECT 1 FROM user_token s WHERE s.practice_id = practice.id AND s.kind = 'SIGN_UP' AND s.expires_at < $1)`,
        cutoff,
      ),
      accountRequests: await this.deleteInBatches('account_request', 'processed_at < $1', cutoff),
      loginAttempts: await this.deleteInBatches('login_attempt', 'attempted_at < $1', cutoff),
      userTokens: await this.deleteInBatches('user_token', 'coalesce(used_at, expires_at) < $1', cutoff),
      refreshTokens: await this.deleteInBatches('refresh_token', 'expires_at < $1', cutoff),
    };
  }

  private async deleteInBatches(
    table: 'login_attempt' | 'user_token' | 'refresh_token' | 'account_request' | 'practice',
    condition: string,
    cutoff: Date,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ deleted }] = await this.db.manager.query<[{ deleted: number }]>(
        `WITH old AS (SELECT id FROM ${table} WHERE ${condition} LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED),
              gone AS (DELETE FROM ${table} t USING old WHERE t.id = old.id RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [cutoff],
      );
      total += deleted;
      if (deleted < RETENTION_BATCH) return total;
    }
  }
}
