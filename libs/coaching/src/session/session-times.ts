import { DateTime } from 'luxon';

/**
 * How far in the past a new start may lie when a session is scheduled or moved: a session that
 * starts "now", typed to the minute in a form, is still accepted. Anything earlier is refused.
 */
export const PAST_START_GRACE_MS = 5 * 60_000;

/** Whether a session starting at `startsAt` may be scheduled (or moved there) at `now`. */
export function startIsAhead(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() >= now.getTime() - PAST_START_GRACE_MS;
}

/**
 * Whether a session has started at `now`: from its start time on it may be marked completed or a
 * no-show and its summary shared (no tolerance before: a session that has not begun was not held).
 */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() <= now.getTime();
}

/** "12 January 2027 at 09:00 (Europe/London)", for messages to the coach. */
export function startText(instant: Date, timeZone: string): string {
  let local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(instant, { zone: 'UTC' });
  return `${local.setLocale('en-GB').toFormat("d LLLL yyyy 'at' HH:mm")} (${local.zoneName})`;
}
