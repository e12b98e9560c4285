import { DateTime } from 'luxon';
import type { NotificationData, NotificationKind, NotificationStatus } from '../notification.entity.js';

/** A notification row to insert (the outbox ignores one whose key already exists). */
export interface NotificationDraft {
  kind: NotificationKind;
  idempotencyKey: string;
  practiceId: string;
  recipientEmail: string;
  recipientUserId: string | null;
  recipientTimeZone: string;
  clientId: string | null;
  sessionId: string | null;
  sessionVersion: number | null;
  data: NotificationData;
  sendAt: Date;
}

export interface Recipient {
  email: string;
  userId: string | null;
  timeZone: string;
}

export interface PlannableSession {
  id: string;
  practiceId: string;
  clientId: string;
  startsAt: Date;
  version: number;
}

export const PREP_DAYS_BEFORE = 3;
/** A session booked inside a reminder window still gets one reminder at once, unless it starts sooner than this. */
export const CATCH_UP_MIN_LEAD_MINUTES = 30;

/**
 * The reminders and the prep email of one scheduled session. Keys carry the
 * session version, so a reschedule plans new rows and the old ones go stale.
 * Reminders fall a fixed duration before the start (48 h is 48 h, across a DST
 * change too). When some reminder times have already passed (a session booked
 * for tomorrow), the nearest of them is sent at once instead, so the client
 * still gets the invite; the others are dropped. A re-plan after a settings
 * change passes `catchUp: false`: the session was announced under the old
 * settings, so only reminders still ahead are added, none is sent late.
 */
export function planSessionEmails(
  session: PlannableSession,
  recipients: { client: Recipient; coach: Recipient | null },
  offsetsMinutes: readonly number[],
  now: Date,
  options: { catchUp?: boolean } = {},
): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  const base = { practiceId: session.practiceId, clientId: session.clientId, sessionId: session.id, sessionVersion: session.version };
  const people: Array<[role: 'client' | 'coach', recipient: Recipient]> = [['client', recipients.client]];
  if (recipients.coach) people.push(['coach', recipients.coach]);
  const start = session.startsAt.getTime();
  const offsets = [...new Set(offsetsMinutes)];
  const passed = offsets.filter((offset) => start - offset * 60_000 < now.getTime());
  const catchUp =
    (options.catchUp ?? true) && passed.length && start - now.getTime() > CATCH_UP_MIN_LEAD_MINUTES * 60_000 ? Math.min(...passed) : null;
  for (const offset of offsets) {
    const due = new Date(start - offset * 60_000);
    if (due < now && offset !== catchUp) continue;
    const sendAt = due < now ? now : due;
    for (const [role, recipient] of people) {
      drafts.push({
        ...base,
        kind: 'SESSION_REMINDER',
        idempotencyKey: `reminder:${session.id}:v${session.version}:${offset}m:${role}`,
        recipientEmail: recipient.email,
        recipientUserId: recipient.userId,
        recipientTimeZone: recipient.timeZone,
        data: { offsetMinutes: offset, forCoach: role === 'coach' },
        sendAt,
      });
    }
  }
  const prepAt = new Date(session.startsAt.getTime() - PREP_DAYS_BEFORE * 24 * 3600_000);
  if (prepAt >= now) {
    drafts.push({
      ...base,
      kind: 'SESSION_PREP',
      idempotencyKey: `prep:${session.id}:v${session.version}`,
      recipientEmail: recipients.client.email,
      recipientUserId: recipients.client.userId,
      recipientTimeZone: recipients.client.timeZone,
      data: {},
      sendAt: prepAt,
    });
  }
  return drafts;
}

/** An email already planned for a session's current version (any status). */
export interface PlannedSessionEmail {
  id: string;
  key: string;
  kind: NotificationKind;
  status: NotificationStatus;
  offsetMinutes: number | null;
  forCoach: boolean;
}

export const REMOVED_REMINDER_TIME = 'reminder time removed from the settings';
export const COACH_REMINDERS_OFF = 'coach turned off session reminders';

/**
 * A future session's emails after a settings change, against what is already
 * planned for its version: pending reminders at an offset no longer in the
 * settings, or coach copies the coach no longer wants, are cancelled with the
 * reason; the emails the settings now want and the recipients receive are
 * planned when they were never planned or were cancelled (a kind turned back
 * on). One already sent, skipped or failed is never planned again, and none
 * is sent late (catchUp: false). `recipients.coach` is null when the coach
 * does not want their copies.
 */
export function replannedSessionEmails(
  session: PlannableSession,
  recipients: { client: Recipient; coach: Recipient | null },
  offsetsMinutes: readonly number[],
  optOuts: { client: OptOuts; coach: OptOuts },
  planned: readonly PlannedSessionEmail[],
  now: Date,
): { plan: NotificationDraft[]; cancel: Array<{ id: string; reason: string }> } {
  const cancel: Array<{ id: string; reason: string }> = [];
  for (const email of planned) {
    if (email.status !== 'PENDING' || email.kind !== 'SESSION_REMINDER') continue;
    if (email.offsetMinutes === null || !offsetsMinutes.includes(email.offsetMinutes))
      cancel.push({ id: email.id, reason: REMOVED_REMINDER_TIME });
    else if (email.forCoach && !recipients.coach) cancel.push({ id: email.id, reason: COACH_REMINDERS_OFF });
  }
  const byKey = new Map(planned.map((email) => [email.key, email]));
  const plan = planSessionEmails(session, recipients, offsetsMinutes, now, { catchUp: false }).filter((draft) => {
    const existing = byKey.get(draft.idempotencyKey);
    return (!existing || existing.status === 'CANCELLED') && receives(draft.data.forCoach ? optOuts.coach : optOuts.client, draft.kind);
  });
  return { plan, cancel };
}

/** A nudge covers items due within this many days, and overdue ones. */
export const NUDGE_HORIZON_DAYS = 2;

const MORNING_HOUR = 8;
const MORNING_ENDS_HOUR = 12;

/**
 * When a client's accountability nudge goes out: 08:00 local, or at once if it
 * is still morning there, else tomorrow at 08:00. The local date names the day
 * (one nudge per client per day).
 */
export function nudgeSlot(now: Date, timeZone: string): { sendAt: Date; localDate: string } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let day = local.startOf('day');
  if (local.hour >= MORNING_ENDS_HOUR) day = day.plus({ days: 1 });
  const morning = day.set({ hour: MORNING_HOUR });
  const sendAt = morning > local ? morning : local;
  return { sendAt: sendAt.toJSDate(), localDate: day.toISODate()! };
}

/** The coach's weekly digest: Monday 08:00 in their zone, this week's if still ahead, else next week's. */
export function digestSlot(now: Date, timeZone: string): { sendAt: Date; weekStarting: string } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let monday = local.startOf('week').set({ hour: MORNING_HOUR });
  if (monday < local.minus({ hours: 4 })) monday = monday.plus({ weeks: 1 });
  return { sendAt: (monday > local ? monday : local).toJSDate(), weekStarting: monday.toISODate()! };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * If `at` falls inside the recipient's quiet hours (local 'HH:mm' to 'HH:mm',
 * possibly across midnight), the instant they end; otherwise null.
 */
export function endOfQuietHours(at: Date, timeZone: string, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const [, sh, sm] = HHMM.exec(start) ?? [];
  const [, eh, em] = HHMM.exec(end) ?? [];
  if (sh === undefined || eh === undefined) return null;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const startMinute = Number(sh) * 60 + Number(sm);
  const endMinute = Number(eh) * 60 + Number(em);
  const crossesMidnight = startMinute > endMinute;
  const inside = crossesMidnight ? minute >= startMinute || minute < endMinute : minute >= startMinute && minute < endMinute;
  if (!inside) return null;
  let endDay = local.startOf('day');
  if (crossesMidnight && minute >= startMinute) endDay = endDay.plus({ days: 1 });
  return endDay.set({ hour: Number(eh), minute: Number(em) }).toJSDate();
}

/**
 * When an email planned for `plannedAt` goes out under the recipient's quiet
 * hours: at their end when it (or now, for one already due) falls inside them,
 * else at its planned time; `deferred` says whether quiet hours moved it.
 */
export function quietHoursTiming(
  plannedAt: Date,
  now: Date,
  timeZone: string,
  start: string | null,
  end: string | null,
): { sendAt: Date; deferred: boolean } {
  const quietUntil = endOfQuietHours(plannedAt < now ? now : plannedAt, timeZone, start, end);
  return quietUntil ? { sendAt: quietUntil, deferred: true } : { sendAt: plannedAt, deferred: false };
}

/** What a recipient's preference (none: the defaults) lets through, for emails that are not sign-in links. */
export interface OptOuts {
  /** Unsubscribed from everything, or the address is suppressed. */
  all: boolean;
  disabledKinds: readonly string[];
}

export function receives(optOuts: OptOuts, kind: NotificationKind): boolean {
  return !optOuts.all && !optOuts.disabledKinds.includes(kind);
}
