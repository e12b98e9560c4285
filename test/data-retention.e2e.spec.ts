import { TestClock } from '#tandem/clock';
import { AccountRequests } from '#tandem/coaching';
import { DataRetention } from '#tandem/notifications';
import { anOwner, type OwnerSession } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const NOW = new Date('2027-06-01T12:00:00.000Z');
const RETENTION_DAYS = 30;

/** An instant `days` before the clock's reading (negative: after it). */
function daysAgo(clock: TestClock, days: number): Date {
  return new Date(clock.now().getTime() - days * 86_400_000);
}

/**
 * The worker's hourly purge (DataRetention) deletes what is past RETENTION_DAYS: old log-in
 * attempts, one-time tokens used or expired that long ago, refresh tokens expired that long ago
 * and finished emails (sent, skipped, cancelled) unchanged since. Everything recent, still
 * usable or still to be sent stays. The clock is a TestClock; rows are written at its time.
 */
describe('data retention', () => {
  const clock = new TestClock(NOW);
  let api: TestApi;
  let owner: OwnerSession;
  let retention: DataRetention;

  beforeAll(async () => {
    api = await TestApi.start({ clock, env: { RETENTION_DAYS: String(RETENTION_DAYS) } });
    owner = await anOwner(api);
    // Sign-up wrote a refresh token at the real time, months before the clock: out of the picture.
    await api.sql(`DELETE FROM refresh_token`);
    retention = api.app.get(DataRetention);
  });
  beforeEach(async () => {
    clock.set(NOW);
    await api.sql(`DELETE FROM login_attempt`);
    await api.sql(`DELETE FROM user_token WHERE email LIKE 'retention-%'`);
    await api.sql(`DELETE FROM refresh_token WHERE token_hash LIKE 'retention-%'`);
    await api.sql(`DELETE FROM notification WHERE idempotency_key LIKE 'retention-%'`);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function loginAttempt(label: string, attemptedAt: Date): Promise<void> {
    await api.sql(`INSERT INTO login_attempt (email, ip, succeeded, attempted_at) VALUES ($1, '192.0.2.1', false, $2)`, [
      label,
      attemptedAt,
    ]);
  }
  async function userToken(label: string, times: { createdAt: Date; expiresAt: Date; usedAt?: Date }): Promise<void> {
    await api.sql(
      `INSERT INTO user_token (practice_id, kind, token_hash, email, expires_at, used_at, created_at) VALUES ($1, 'PASSWORD_RESET', rpad($2, 64, '-'), $2, $3, $4, $5)`,
      [owner.practiceId, label, times.expiresAt, times.usedAt ?? null, times.createdAt],
    );
  }
  async function refreshToken(label: string, times: { expiresAt: Date; revokedAt?: Date }): Promise<void> {
    await api.sql(
      `INSERT INTO refresh_token (practice_id, user_id, family_id, token_hash, expires_at, revoked_at) VALUES ($1, $2, gen_random_uuid(), rpad($3, 64, '-'), $4, $5)`,
      [owner.practiceId, owner.userId, label, times.expiresAt, times.revokedAt ?? null],
    );
  }
  async function notification(label: string, status: string, updatedAt: Date): Promise<void> {
    await api.sql(
      `INSERT INTO notification (practice_id, kind, idempotency_key, recipient_email, recipient_time_zone, send_at, status, created_at, updated_at)
       VALUES ($1, 'COACH_DIGEST', $2, 'coach@example.com', 'Europe/London', $3, $4, $3, $3)`,
      [owner.practiceId, label, updatedAt, status],
    );
  }

  async function remaining(): Promise<string[]> {
    const rows = await api.sql<{ label: string }>(
      `SELECT email AS label FROM login_attempt
       UNION ALL SELECT email FROM user_token WHERE email LIKE 'retention-%'
       UNION ALL SELECT rtrim(token_hash, '-') FROM refresh_token WHERE token_hash LIKE 'retention-%'
       UNION ALL SELECT idempotency_key FROM notification WHERE idempotency_key LIKE 'retention-%'`,
    );
    return rows.map((row) => row.label).sort();
  }

  it('deletes what is past the retention and keeps what is recent, usable or still to be sent', async () => {
    const old = RETENTION_DAYS + 1;
    const recent = RETENTION_DAYS - 1;
    await loginAttempt('retention-attempt-old', daysAgo(clock, old));
    await loginAttempt('retention-attempt-recent', daysAgo(clock, recent));

    await userToken('retention-token-used-old', {
      createdAt: daysAgo(clock, old + 1),
      usedAt: daysAgo(clock, old),
      expiresAt: daysAgo(clock, old - 6),
    });
    await userToken('retention-token-expired-old', { createdAt: daysAgo(clock, old + 7), expiresAt: daysAgo(clock, old) });
    await userToken('retention-token-used-recent', {
      createdAt: daysAgo(clock, old + 1),
      usedAt: daysAgo(clock, recent),
      expiresAt: daysAgo(clock, 2),
    });
    // Created long ago but still usable (a long invitation): stays.
    await userToken('retention-token-unused-valid', { createdAt: daysAgo(clock, 200), expiresAt: daysAgo(clock, -5) });

    await refreshToken('retention-refresh-expired-old', { expiresAt: daysAgo(clock, old) });
    // Revoked long ago but expired only recently: kept, so presenting it still revokes its family.
    await refreshToken('retention-refresh-revoked-old', { revokedAt: daysAgo(clock, old + 20), expiresAt: daysAgo(clock, recent) });
    await refreshToken('retention-refresh-live', { expiresAt: daysAgo(clock, -20) });

    await notification('retention-sent-old', 'SENT', daysAgo(clock, old));
    await notification('retention-skipped-old', 'SKIPPED', daysAgo(clock, old));
    await notification('retention-cancelled-old', 'CANCELLED', daysAgo(clock, old));
    await notification('retention-sent-recent', 'SENT', daysAgo(clock, recent));
    await notification('retention-pending-old', 'PENDING', daysAgo(clock, 200));
    await notification('retention-queued-old', 'QUEUED', daysAgo(clock, 200));
    await notification('retention-failed-old', 'FAILED', daysAgo(clock, 200));

    expect(await retention.purge()).toEqual({
      loginAttempts: 1,
      userTokens: 2,
      refreshTokens: 1,
      notifications: 3,
      accountRequests: 0,
      unconfirmedPractices: 0,
    });
    expect(await remaining()).toEqual(
      [
        'retention-attempt-recent',
        'retention-token-used-recent',
        'retention-token-unused-valid',
        'retention-refresh-revoked-old',
        'retention-refresh-live',
        'retention-sent-recent',
        'retention-pending-old',
        'retention-queued-old',
        'retention-failed-old',
      ].sort(),
    );

    // Two days on, the rows that were a day short of the limit are past it.
    clock.advance({ days: 2 });
    expect(await retention.purge()).toEqual({
      loginAttempts: 1,
      userTokens: 1,
      refreshTokens: 1,
      notifications: 1,
      accountRequests: 0,
      unconfirmedPractices: 0,
    });
    expect(await remaining()).toEqual([
      'retention-failed-old',
      'retention-pending-old',
      'retention-queued-old',
      'retention-refresh-live',
      'retention-token-unused-valid',
    ]);
  });

  it('deletes in batches, and two workers purging at once delete each row once', async () => {
    // More than two batches of old attempts, and a recent one.
    await api.sql(
      `INSERT INTO login_attempt (email, ip, succeeded, attempted_at)
       SELECT 'retention-bulk-' || i, '192.0.2.2', false, $1::timestamptz - make_interval(mins => i) FROM generate_series(1, 12050) AS i`,
      [daysAgo(clock, RETENTION_DAYS + 1)],
    );
    await loginAttempt('retention-attempt-recent', daysAgo(clock, 1));

    const [first, second] = await Promise.all([retention.purge(), retention.purge()]);
    expect(first.loginAttempts + second.loginAttempts).toBe(12050);
    expect(await remaining()).toEqual(['retention-attempt-recent']);
  });

  it('deletes a practice whose sign-up link was never used once the link expired past the retention; a confirmed one stays', async () => {
    const email = 'retention-unconfirmed@example.com';
    await api.anonymous().gql(`mutation($input: SignUpInput!) { signUp(input: $input) }`, {
      input: {
        practiceName: 'Never Confirmed',
        name: 'Una Confirmed',
        email,
        password: 'a long enough password',
        timeZone: 'Europe/London',
      },
    });
    await api.app.get(AccountRequests).answerPendingFor(email);
    const [{ practice_id: unconfirmed }] = await api.sql<{ practice_id: string }>(
      `SELECT practice_id FROM user_token WHERE kind = 'SIGN_UP' AND email = $1`,
      [email],
    );
    // The link lives 24 hours: a day short of the limit, the practice stays.
    clock.advance({ days: RETENTION_DAYS });
    expect((await retention.purge()).unconfirmedPractices).toBe(0);
    clock.advance({ days: 2 });
    const purged = await retention.purge();
    expect(purged.unconfirmedPractices).toBe(1);
    expect(purged.accountRequests).toBeGreaterThanOrEqual(1);
    expect(await api.sql(`SELECT 1 FROM practice WHERE id = $1`, [unconfirmed])).toEqual([]);
    expect(await api.sql(`SELECT 1 FROM notification WHERE practice_id = $1`, [unconfirmed])).toEqual([]);
    expect(await api.sql(`SELECT 1 FROM account_request WHERE email = $1`, [email])).toEqual([]);
    expect(await api.sql(`SELECT 1 FROM practice WHERE id = $1`, [owner.practiceId])).toHaveLength(1);
  });
});
