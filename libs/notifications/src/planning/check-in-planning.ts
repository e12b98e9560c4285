import { DateTime } from 'luxon';

/** Sessions further apart than this get a check-in halfway between them. */
export const CHECK_IN_MIN_GAP_DAYS = 21;
/** The check-in goes out at this hour on the midpoint's date, on the client's clock. */
export const CHECK_IN_LOCAL_HOUR = 9;

export interface TimelineSession {
  id: string;
  version: number;
  startsAt: Date;
  status: string;
}

export interface CheckInSlot {
  afterSession: { id: string; version: number };
  nextSession: { id: string; version: number };
  /** The client's local date of the midpoint (YYYY-MM-DD). */
  dueDate: string;
  sendAt: Date;
}

/**
 * The check-ins of one engagement still ahead at `now`: one for every two consecutive
 * sessions (cancelled ones do not count) more than CHECK_IN_MIN_GAP_DAYS apart whose later
 * session is still scheduled, at CHECK_IN_LOCAL_HOUR on the local date of the instant halfway
 * between them. The midpoint is taken in absolute time, then read on the client's clock, so a
 * daylight-saving change in the gap moves neither the date nor the hour.
 */
export function planCheckIns(sessions: readonly TimelineSession[], timeZone: string, now: Date): CheckInSlot[] {
  const held = sessions.filter((s) => s.status !== 'CANCELLED').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const slots: CheckInSlot[] = [];
  for (let index = 1; index < held.length; index++) {
    const [after, next] = [held[index - 1], held[index]];
    if (next.status !== 'SCHEDULED') continue;
    const gap = next.startsAt.getTime() - after.startsAt.getTime();
    if (gap <= CHECK_IN_MIN_GAP_DAYS * 86_400_000) continue;
    const midpoint = DateTime.fromMillis(after.startsAt.getTime() + gap / 2, { zone: timeZone });
    const sendAt = midpoint.set({ hour: CHECK_IN_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 });
    if (sendAt.toMillis() <= now.getTime() || sendAt.toMillis() >= next.startsAt.getTime()) continue;
    slots.push({
      afterSession: { id: after.id, version: after.version },
      nextSession: { id: next.id, version: next.version },
      dueDate: midpoint.toISODate()!,
      sendAt: sendAt.toJSDate(),
    });
  }
  return slots;
}

/** One key per gap as it is: moving either session plans a new row and the old one is cancelled. */
export function checkInKey(engagementId: string, slot: CheckInSlot): string {
  const { afterSession: a, nextSession: n } = slot;
  return `check-in:${engagementId}:${a.id}:v${a.version}:${n.id}:v${n.version}`;
}
