import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * How long a replica trusts its last answer about a session family. This bounds how long an
 * access token of a session ended on ANOTHER replica keeps working (log-out, reuse of a
 * rotated refresh token, a password reset); on the replica that ended it, at once.
 */
export const SESSION_CHECK_SECONDS = 5;
/** Families remembered (one per active session; a few dozen bytes each). */
const REMEMBERED_FAMILIES = 50_000;

interface Pool {
  query(text: string, values: unknown[]): Promise<{ rows: Array<{ live: boolean }> }>;
}

/**
 * Whether the session an access token belongs to (its refresh-token family, claim `sid`) is
 * still live: a family is ended when none of its refresh tokens is unrevoked. Timed with the
 * process's monotonic clock, not the injected Clock: the bound is real time.
 */
@Injectable()
export class SessionRevocations {
  private readonly known = new Map<string, { live: boolean; checkedAt: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async isLive(familyId: string): Promise<boolean> {
    const known = this.known.get(familyId);
    if (known && (!known.live || performance.now() - known.checkedAt < SESSION_CHECK_SECONDS * 1000)) return known.live;
    const live = await this.lookUp(familyId);
    this.remember(familyId, live);
    return live;
  }

  /** A family this replica just issued tokens for. */
  started(familyId: string): void {
    this.remember(familyId, true);
  }

  /** Families this replica just ended: their access tokens stop working here at once. */
  ended(familyIds: readonly string[]): void {
    for (const familyId of familyIds) this.remember(familyId, false);
  }

  /**
   * Straight on the pool, outside the request's transaction and statement count: checking the
   * caller's session is part of authenticating, not of the operation it asks for.
   */
  private async lookUp(familyId: string): Promise<boolean> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const { rows } = await pool.query('SELECT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $1 AND revoked_at IS NULL) AS live', [
      familyId,
    ]);
    return rows[0]?.live === true;
  }

  private remember(familyId: string, live: boolean): void {
    this.known.delete(familyId);
    // The oldest goes first once full (Map keeps insertion order).
    if (this.known.size >= REMEMBERED_FAMILIES) this.known.delete(this.known.keys().next().value!);
    this.known.set(familyId, { live, checkedAt: performance.now() });
  }
}
