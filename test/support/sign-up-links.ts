import type { INestApplication } from '@nestjs/common';
import { AccountRequests, Db } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { openText } from '../../libs/notifications/src/sealed-text.js';
import { waitFor } from './wait-for.js';

/**
 * Answers the address's waiting sign-ups now and takes their confirmation links out of the
 * outbox in the same transaction, so the emails are never sent (oldest first). When a running
 * worker answered first, waits for that answer and reads the link it planned. Empty when the
 * address had an account (its owner's ACCOUNT_EXISTS email stays planned).
 */
export async function takeSignUpLinks(app: INestApplication, email: string): Promise<string[]> {
  const db = app.get(Db);
  const open = (sealed: string) => openText(sealed, app.get(AppConfig).jwtSecret) ?? undefined;
  const opened = (sealed: string[]) => sealed.map(open).filter((link): link is string => link !== undefined);
  const { result: taken } = await db.transaction(async () => {
    await app.get(AccountRequests).answerPendingFor(email);
    const rows = await db.manager.query<Array<{ data: { sealedUrl: string } }>>(
      `WITH taken AS (
         DELETE FROM notification WHERE kind = 'SIGN_UP' AND lower(recipient_email) = lower($1) AND status = 'PENDING' RETURNING data, created_at)
       SELECT data FROM taken ORDER BY created_at`,
      [email],
    );
    return rows.map((row) => row.data.sealedUrl);
  });
  if (taken.length) return opened(taken);
  const outcome = await waitFor(
    async () => {
      const rows = await db.manager.query<Array<{ outcome: string | null }>>(
        `SELECT outcome FROM account_request WHERE lower(email) = lower($1) ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      return rows[0]?.outcome ?? undefined;
    },
    { what: `the answer to the sign-up of ${email}` },
  );
  if (outcome !== 'CONFIRMATION_SENT') return [];
  const sent = await db.manager.query<Array<{ data: { sealedUrl: string } }>>(
    `SELECT data FROM notification WHERE kind = 'SIGN_UP' AND lower(recipient_email) = lower($1) ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return opened(sent.map((row) => row.data.sealedUrl));
}
