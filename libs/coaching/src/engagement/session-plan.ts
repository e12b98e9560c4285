import type { KeepReason, PlannedSession } from '#tandem/scheduling';
import type { EntityManager } from 'typeorm';
import type { CoachingSession, SessionStatus } from '../session/coaching-session.entity.js';

/** How far ahead sessions are materialised. */
export const PLANNING_HORIZON_MONTHS = 12;

/** What a change does (preview) or did (mutation) to an engagement's future scheduled sessions. */
export interface SessionPlanChange {
  cancelled: CoachingSession[];
  /** Start instants of the sessions created, ascending. */
  created: Date[];
  /** Future scheduled sessions the change would otherwise have cancelled or replaced. */
  kept: Array<{ session: CoachingSession; reason: KeepReason }>;
}

export interface PlanSession extends PlannedSession {
  status: SessionStatus;
  sequence: number;
  timeZone: string;
  version: number;
}

interface PlanSessionRow {
  id: string;
  starts_at: Date;
  status: SessionStatus;
  sequence: number;
  time_zone: string;
  version: number;
  keep_reason: KeepReason | null;
}

/**
 * An engagement's sessions as the planner sees them, each with why it must survive a re-plan:
 * content first (an agenda, private notes, a summary or an action item), then scheduled by
 * hand outside the cadence, then moved by hand. `lock` takes the rows for the change.
 */
export async function loadPlanSessions(manager: EntityManager, engagementId: string, lock: boolean): Promise<PlanSession[]> {
  const rows = await manager.query<PlanSessionRow[]>(
    `SELECT s.id, s.starts_at, s.status, s.sequence, s.time_zone, s.version,
            CASE WHEN coalesce(s.agenda, '') <> '' OR coalesce(s.private_notes, '') <> '' OR coalesce(s.shared_summary, '') <> ''
                      OR EXISTS (SELECT 1 FROM action_item a WHERE a.session_id = s.id) THEN 'HAS_CONTENT'
                 WHEN s.origin = 'AD_HOC' THEN 'AD_HOC'
                 WHEN s.manually_moved THEN 'MOVED_BY_HAND' END AS keep_reason
       FROM coaching_session s WHERE s.engagement_id = $1
      ORDER BY s.starts_at, s.id${lock ? ' FOR UPDATE OF s' : ''}`,
    [engagementId],
  );
  return rows.map((row) => ({
    id: row.id,
    startsAt: new Date(row.starts_at),
    status: row.status,
    sequence: row.sequence,
    timeZone: row.time_zone,
    version: row.version,
    keepReason: row.keep_reason,
  }));
}
