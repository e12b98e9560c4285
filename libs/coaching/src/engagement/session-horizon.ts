import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { expandCadence, planningHorizon } from '#tandem/scheduling';
import { CoachingEvents } from '../access/coaching-events.js';
import { Db } from '../access/db.js';
import { cadenceOf, type CadenceColumns } from './engagement-cadence.js';
import { PLANNING_HORIZON_MONTHS } from './session-plan.js';

/** Engagements topped up per transaction. */
const BATCH = 500;

interface DueEngagement extends CadenceColumns {
  id: string;
  startDate: string;
  endDate: string | null;
  sessionsAllotted: number | null;
  /** Where its plan ends: planned_until, else its last cadence session. */
  plannedUntil: Date | null;
  counted: number;
  sequence: number;
}

/**
 * The rolling horizon: every ACTIVE engagement keeps its sessions planned 12 months ahead
 * (or to its end date or allotment). Each run adds the cadence's sessions after the end of
 * an engagement's plan and never re-plans or cancels anything, so it is safe to run again.
 * Several workers can run it at once: each batch takes its engagements with FOR UPDATE SKIP
 * LOCKED, a re-plan in a mutation locks the same row, and the unique index on cadence slots
 * (coaching_session_cadence_slot_key) leaves no way to double a session.
 */
@Injectable()
export class SessionHorizon {
  constructor(
    private readonly db: Db,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
  ) {}

  /** One pass over every engagement whose plan ends before the horizon; returns how many sessions it created. */
  async topUp(now = this.clock.now()): Promise<number> {
    const horizon = planningHorizon(now, PLANNING_HORIZON_MONTHS);
    let created = 0;
    for (;;) {
      const { result } = await this.db.transaction(() => this.topUpBatch(now, horizon));
      created += result.created;
      if (result.engagements < BATCH) return created;
    }
  }

  private async topUpBatch(now: Date, horizon: Date): Promise<{ engagements: number; created: number }> {
    const manager = this.db.manager;
    const due = await manager.query<Array<Record<string, unknown>>>(
      `WITH due AS (
         SELECT e.id FROM engagement e
          WHERE e.status = 'ACTIVE' AND e.cadence_frequency <> 'AD_HOC' AND (e.planned_until IS NULL OR e.planned_until < $1)
          ORDER BY e.planned_until NULLS FIRST, e.id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       SELECT e.id, e.start_date::text AS start_date, e.end_date::text AS end_date, e.sessions_allotted,
              e.cadence_frequency, e.cadence_anchor_kind, e.cadence_day, e.cadence_ordinal, e.cadence_weekday, e.cadence_local_time, e.cadence_time_zone,
              coalesce(e.planned_until, st.last_cadence) AS planned_until, coalesce(st.counted, 0)::int AS counted, coalesce(st.sequence, 0)::int AS sequence
         FROM due JOIN engagement e ON e.id = due.id
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE s.status <> 'CANCELLED') AS counted, max(s.sequence) AS sequence,
                  max(s.starts_at) FILTER (WHERE s.origin = 'CADENCE') AS last_cadence
             FROM coaching_session s WHERE s.engagement_id = e.id) st ON true`,
      [horizon],
    );
    if (!due.length) return { engagements: 0, created: 0 };
    const engagements = due.map(toDueEngagement);

    const ids: string[] = [];
    const starts: Date[] = [];
    const sequences: number[] = [];
    for (const e of engagements) {
      const after = e.plannedUntil ? new Date(e.plannedUntil.getTime() + 1) : now;
      const occurrences = expandCadence(cadenceOf(e), {
        startDate: e.startDate,
        endDate: e.endDate,
        from: after > now ? after : now,
        until: horizon,
        // The allotment counts every session not cancelled, held or planned.
        maxCount: e.sessionsAllotted === null ? null : Math.max(0, e.sessionsAllotted - e.counted),
      });
      occurrences.forEach((startsAt, i) => {
        ids.push(e.id);
        starts.push(startsAt);
        sequences.push(e.sequence + i + 1);
      });
    }
    let createdIds: string[] = [];
    if (ids.length) {
      const inserted = await manager.query<Array<{ id: string }>>(
        `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes, status, origin)
         SELECT e.practice_id, e.client_id, e.id, e.coach_id, v.sequence, v.starts_at, e.cadence_time_zone, e.session_minutes, 'SCHEDULED', 'CADENCE'
           FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS v(engagement_id, starts_at, sequence)
           JOIN engagement e ON e.id = v.engagement_id
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [ids, starts, sequences],
      );
      createdIds = inserted.map((row) => String(row.id));
    }
    await manager.query(`UPDATE engagement SET planned_until = $2 WHERE id = ANY($1::uuid[])`, [engagements.map((e) => e.id), horizon]);
    await this.events.sessionsChanged(createdIds);
    return { engagements: engagements.length, created: createdIds.length };
  }
}

function toDueEngagement(row: Record<string, unknown>): DueEngagement {
  return {
    id: String(row.id),
    startDate: String(row.start_date),
    endDate: row.end_date as string | null, // end_date::text
    sessionsAllotted: row.sessions_allotted === null ? null : Number(row.sessions_allotted),
    cadenceFrequency: row.cadence_frequency as DueEngagement['cadenceFrequency'],
    cadenceAnchorKind: row.cadence_anchor_kind as DueEngagement['cadenceAnchorKind'],
    cadenceDay: row.cadence_day === null ? null : Number(row.cadence_day),
    cadenceOrdinal: row.cadence_ordinal === null ? null : Number(row.cadence_ordinal),
    cadenceWeekday: row.cadence_weekday === null ? null : Number(row.cadence_weekday),
    cadenceLocalTime: String(row.cadence_local_time),
    cadenceTimeZone: String(row.cadence_time_zone),
    plannedUntil: row.planned_until === null ? null : new Date(row.planned_until as string | Date),
    counted: Number(row.counted),
    sequence: Number(row.sequence),
  };
}
