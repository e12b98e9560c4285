import { TRANSACTIONAL_KINDS } from './notification.entity.js';

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Withdraws the pending emails of kinds a recipient just turned off ('all' =
 * everything but sign-in links), in the caller's transaction.
 */
export async function withdrawPendingEmails(
  db: Queryable,
  practiceId: string,
  email: string,
  kinds: readonly string[] | 'all',
): Promise<void> {
  await db.query(
    `UPDATE notification SET status = 'CANCELLED', reason = 'recipient unsubscribed', updated_at = now()
      WHERE practice_id = $1 AND lower(recipient_email) = lower($2) AND status = 'PENDING'
        AND NOT kind = ANY($4::varchar[]) AND ($3::varchar[] IS NULL OR kind = ANY($3::varchar[]))`,
    [practiceId, email, kinds === 'all' ? null : kinds, TRANSACTIONAL_KINDS],
  );
}
