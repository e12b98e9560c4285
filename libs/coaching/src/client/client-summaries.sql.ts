import { OVERDUE_SQL } from '../action-item/overdue.js';

/**
 * The rules behind a client's summaries (Client.currentEngagement, nextSession,
 * openActionItemCount, overdueActionItemCount, latestGoalProgress), once, as SQL over a row
 * alias. Both readers use them: the DataLoaders (Loaders, for a client read on its own) and the
 * roster statement (roster-statement.ts, for a page of clients in one statement). Each order ends
 * with the id, so both readers pick the same row when the other keys tie.
 * test/fast-path-parity.e2e.spec.ts compares the two readers field by field.
 */

export type OrderTerm = readonly [expression: string, direction: 'ASC' | 'DESC'];

/** `a ASC, b DESC` */
export function orderSql(terms: readonly OrderTerm[]): string {
  return terms.map(([expression, direction]) => `${expression} ${direction}`).join(', ');
}

/** The next session (of a client or an engagement): its earliest SCHEDULED session from now. */
export const nextSession = {
  /** On coaching_session `s`. */
  where: (s: string) => `${s}.status = 'SCHEDULED' AND ${s}.starts_at >= now()`,
  order: (s: string): OrderTerm[] => [
    [`${s}.starts_at`, 'ASC'],
    [`${s}.id`, 'ASC'],
  ],
};

/** The current engagement of a client: the ACTIVE one that started first, else the one that started last. */
export const currentEngagement = {
  /** On engagement `e`. */
  order: (e: string): OrderTerm[] => [
    [`${e}.status = 'ACTIVE'`, 'DESC'],
    [`CASE WHEN ${e}.status = 'ACTIVE' THEN ${e}.start_date END`, 'ASC'],
    [`${e}.start_date`, 'DESC'],
    [`${e}.id`, 'ASC'],
  ],
};

/** The OPEN action items of a client, and those among them overdue (OVERDUE_SQL, as ActionItem.isOverdue). */
export const actionItemCounts = {
  /** On action_item `a`. */
  where: (a: string) => `${a}.status = 'OPEN'`,
  open: 'count(*)::int',
  /** `timeZone`: the SQL for the client's zone. */
  overdue: (a: string, timeZone: string) => `count(*) FILTER (WHERE ${OVERDUE_SQL(a, timeZone)})::int`,
};

/** A client's latest goal progress: their most recent check-in (then its goal, as far as the caller may see it). */
export const latestGoalCheckIn = {
  /** On goal_check_in `gc`. */
  order: (gc: string): OrderTerm[] => [
    [`${gc}.recorded_at`, 'DESC'],
    [`${gc}.id`, 'DESC'],
  ],
};
