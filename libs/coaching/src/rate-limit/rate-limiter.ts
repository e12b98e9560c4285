import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#tandem/clock';
import { RateLimitedError } from '#tandem/errors';
import { RATE_LIMITS, retryAfterWords, type RateLimitedAction } from './rate-limits.js';

/** Windows older than this are deleted, now and then, by the replica that counts. */
const KEEP_MS = 24 * 3600_000;
const PURGE_EVERY_HITS = 500;

/**
 * Counts calls in PostgreSQL, so every API replica sees the same counts. Each hit
 * is its own autocommitted statement, taken before the mutation's transaction
 * begins: a call that fails still counts, and no second connection is held.
 */
@Injectable()
export class RateLimiter {
  private hitsSincePurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts one call; throws RATE_LIMITED (with retryAfterSeconds) when the IP or the target is over its limit. */
  async hit(action: RateLimitedAction, ip: string, args: Record<string, unknown>): Promise<void> {
    const rule = RATE_LIMITS[action];
    const now = this.clock.now();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const target = rule.target(args);
    const subjects = [`ip:${ip}`, ...(target ? [`to:${target.slice(0, 396)}`] : [])];
    const rows = await this.dataSource.query<Array<{ subject: string; hits: number }>>(
      `INSERT INTO rate_limit_counter (action, subject, window_start, hits)
       SELECT $1, subject, $3, 1 FROM unnest($2::varchar[]) AS subject
       ON CONFLICT (action, subject, window_start) DO UPDATE SET hits = rate_limit_counter.hits + 1
       RETURNING subject, hits`,
      [action, subjects, windowStart],
    );
    await this.purgeNowAndThen(now);
    const over = rows.some((row) => row.hits > (row.subject.startsWith('ip:') ? rule.perIp : rule.perTarget));
    if (!over) return;
    const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new RateLimitedError(retryAfterSeconds, `${rule.refusal}; try again ${retryAfterWords(retryAfterSeconds)}.`);
  }

  private async purgeNowAndThen(now: Date): Promise<void> {
    if (++this.hitsSincePurge < PURGE_EVERY_HITS) return;
    this.hitsSincePurge = 0;
    await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE window_start < $1`, [new Date(now.getTime() - KEEP_MS)]);
  }
}
