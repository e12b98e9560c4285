import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { Client } from '../client/client.entity.js';
import { Keyset, type ConnectionShape } from '../common/pagination.js';
import { isCalendarDate, isUuid } from '../common/validation.js';
import { CHECK_IN_ANSWERS, CheckIn, type CheckInAnswer } from './check-in.entity.js';

export const MAX_CHECK_IN_NOTE = 2000;

/** One check-in as a signed link names it: the practice, the engagement and the session it follows. */
export interface CheckInRef {
  practiceId: string;
  engagementId: string;
  afterSessionId: string;
  dueDate: string;
}

export type RecordedCheckIn = { recorded: boolean; answer: CheckInAnswer; note: string | null; answeredAt: Date };

/** Newest answer first; the id breaks ties. */
const CHECK_IN_ORDER = new Keyset('DESC', [
  { sql: 'k.answered_at', type: 'timestamptz' },
  { sql: 'k.id', type: 'uuid' },
]);

@Injectable()
export class CheckInService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly events: CoachingEvents,
  ) {}

  /** A client's check-in answers, newest first; NOT_FOUND for a client out of the caller's reach. */
  async list(actor: Actor, clientId: string, first: number, after: string | undefined): Promise<ConnectionShape<CheckIn>> {
    await this.scope.get(actor, Client, clientId, 'Client');
    const qb = this.scope.query(actor, CheckIn, 'k').andWhere('k.client_id = :clientId', { clientId });
    for (const [expression, alias] of CHECK_IN_ORDER.selections()) qb.addSelect(expression, alias);
    CHECK_IN_ORDER.apply(qb, after);
    return CHECK_IN_ORDER.connection(await qb.limit(first + 1).getRawAndEntities(), first);
  }

  /** The answer already recorded for a check-in, if any (null also when the link names nothing that exists). */
  async answerOf(ref: CheckInRef): Promise<RecordedCheckIn | null | 'gone'> {
    if (!isUuid(ref.practiceId) || !isUuid(ref.engagementId) || !isUuid(ref.afterSessionId)) return 'gone';
    const [row] = await this.db.manager.query<Array<{ answer: CheckInAnswer | null; note: string | null; answered_at: Date | null }>>(
      `SELECT k.answer, k.note, k.answered_at
         FROM engagement e
         JOIN coaching_session s ON s.id = $3 AND s.engagement_id = e.id
         LEFT JOIN check_in k ON k.engagement_id = e.id AND k.after_session_id = s.id
        WHERE e.id = $2 AND e.practice_id = $1`,
      [ref.practiceId, ref.engagementId, ref.afterSessionId],
    );
    if (!row) return 'gone';
    return row.answer ? { recorded: false, answer: row.answer, note: row.note, answeredAt: new Date(row.answered_at!) } : null;
  }

  /**
   * Records the answer unless one is recorded already (that one stands: answering twice records
   * one answer), in one transaction with the coach's alert for "need help". 'gone' when the
   * engagement or session no longer exists.
   */
  async record(ref: CheckInRef, answer: CheckInAnswer, note: string | null, now: Date): Promise<RecordedCheckIn | 'gone'> {
    if (!CHECK_IN_ANSWERS.includes(answer)) throw new BadUserInputError('Choose On track, Stuck or Need help', 'answer');
    const text = note?.trim() ? note.trim() : null;
    if (text && text.length > MAX_CHECK_IN_NOTE) throw new BadUserInputError(`Keep the note under ${MAX_CHECK_IN_NOTE} characters`, 'note');
    if (!isCalendarDate(ref.dueDate)) return 'gone';
    const { result } = await this.db.transaction(async () => {
      const inserted = await this.db.manager.query<Array<{ id: string }>>(
        `INSERT INTO check_in (practice_id, client_id, engagement_id, after_session_id, due_date, answer, note, answered_at)
         SELECT e.practice_id, e.client_id, e.id, s.id, $4::date, $5, $6, $7
           FROM engagement e JOIN coaching_session s ON s.id = $3 AND s.engagement_id = e.id
          WHERE e.id = $2 AND e.practice_id = $1
         ON CONFLICT (engagement_id, after_session_id) DO NOTHING
         RETURNING id`,
        [ref.practiceId, ref.engagementId, ref.afterSessionId, ref.dueDate, answer, text, now],
      );
      if (inserted.length) {
        await this.events.checkInAnswered(inserted[0].id);
        return { recorded: true, answer, note: text, answeredAt: now } satisfies RecordedCheckIn;
      }
      return this.answerOf(ref);
    });
    return result ?? 'gone';
  }
}
