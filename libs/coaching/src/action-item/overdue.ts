import { DateTime } from 'luxon';
import type { ActionItem } from './action-item.entity.js';

/**
 * An action item is overdue when it is OPEN and its due date is before today
 * in its client's time zone (a date has no zone of its own: "due Monday" is the
 * client's Monday). The one rule, twice: in TypeScript for one item and in SQL
 * for counts (the coach digest calls OVERDUE_SQL too).
 */
export function isOverdue(item: Pick<ActionItem, 'status' | 'dueDate'>, timeZone: string, now = new Date()): boolean {
  if (item.status !== 'OPEN' || item.dueDate === null) return false;
  return item.dueDate < todayIn(timeZone, now);
}

/** Today's date (yyyy-MM-dd) in `timeZone`; UTC's for a zone this runtime does not know. */
export function todayIn(timeZone: string, now = new Date()): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' })).toISODate()!;
}

/** The same rule as SQL: `item` is an action_item alias, `timeZone` an SQL expression for the client's zone. */
export function OVERDUE_SQL(item: string, timeZone: string): string {
  return `${item}.status = 'OPEN' AND ${item}.due_date < (now() AT TIME ZONE ${timeZone})::date`;
}

/** Whether an item read with a list was overdue, as OVERDUE_SQL said in the same statement (absent: not read). */
const OVERDUE = Symbol('overdue');

type WithOverdue = Pick<ActionItem, 'id'> & { [OVERDUE]?: boolean };

export function setOverdueRead(item: Pick<ActionItem, 'id'>, overdue: boolean): void {
  (item as WithOverdue)[OVERDUE] = overdue;
}

export function overdueRead(item: Pick<ActionItem, 'id'>): boolean | undefined {
  return (item as WithOverdue)[OVERDUE];
}
