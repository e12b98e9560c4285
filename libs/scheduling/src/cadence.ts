import { DateTime, IANAZone } from 'luxon';

/**
 * Session cadence of a coaching engagement, and its expansion into concrete
 * session instants. Everything here is pure: no clock reads ("now" is passed
 * in as `from`), no I/O. All time-zone arithmetic goes through Luxon.
 *
 * A cadence is stored as a local wall-clock time plus an IANA zone, never as a
 * UTC offset, so "09:00 on the first Tuesday" stays 09:00 local across DST.
 * Two DST edge cases:
 * - a local time inside a spring-forward gap does not exist; it is read with
 *   the offset in force before the gap, i.e. moved forward by the gap length
 *   (02:30 on the New York spring-forward day becomes 03:30 EDT). This is
 *   Luxon's behaviour, and also RFC 5545's and Temporal's "compatible" rule;
 * - a local time inside a fall-back overlap exists twice; the earlier instant
 *   is taken (01:30 on the New York fall-back day is 01:30 EDT). Luxon alone
 *   picks whichever offset is in force *today*, which would make the result
 *   depend on the clock, so `localInstant` chooses explicitly.
 */

export type CadenceFrequency = 'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUAL' | 'AD_HOC';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** -1 means "last". */
export type WeekdayOrdinal = 1 | 2 | 3 | 4 | -1;

export type CadenceAnchor =
  /** Day 1..31; a day beyond the month's length falls on its last day. */
  | { kind: 'DAY_OF_MONTH'; day: number }
  /** E.g. { ordinal: 1, weekday: 2 } = first Tuesday, { ordinal: -1, weekday: 5 } = last Friday. */
  | { kind: 'ORDINAL_WEEKDAY'; ordinal: WeekdayOrdinal; weekday: Weekday };

export interface Cadence {
  frequency: CadenceFrequency;
  anchor: CadenceAnchor;
  /** Local wall-clock time, 'HH:mm' (24 h, zero-padded). */
  localTime: string;
  /** IANA zone of the client, e.g. 'Europe/London'. */
  timeZone: string;
}

export interface ExpandOptions {
  /** 'YYYY-MM-DD': the engagement's first day, a local date in the cadence zone. */
  startDate: string;
  /** 'YYYY-MM-DD', inclusive: no occurrence on a later local date. */
  endDate?: string | null;
  /** No occurrence before this instant (typically "now"). */
  from: Date;
  /** Default 12: no occurrence later than `from` + this many months (in the cadence zone). */
  horizonMonths?: number;
  /** No occurrence later than this instant; overrides horizonMonths (the rolling plan's fixed horizon). */
  until?: Date;
  /** At most this many occurrences are returned (e.g. sessions left in the allotment). */
  maxCount?: number | null;
}

/**
 * Why a future scheduled session must survive a re-plan: the coach moved it,
 * scheduled it outside the cadence, or it holds content (agenda, private notes,
 * a summary, action items). The caller decides; this module only honours it.
 */
export type KeepReason = 'MOVED_BY_HAND' | 'AD_HOC' | 'HAS_CONTENT';

export interface PlannedSession {
  id: string;
  startsAt: Date;
  status: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';
  /** Set: a re-plan never cancels this session (while it is future and SCHEDULED). */
  keepReason?: KeepReason | null;
}

export interface KeptSession {
  id: string;
  reason: KeepReason;
}

export interface Replan {
  /** Ids of sessions to leave as they are. */
  keep: string[];
  /** Ids of future SCHEDULED sessions to cancel. */
  cancel: string[];
  /** Start instants of sessions to create, ascending. */
  create: Date[];
  /** The protected future SCHEDULED sessions a plain re-plan would have cancelled, with why (a subset of keep). */
  kept: KeptSession[];
}

const FREQUENCY_MONTHS: Record<CadenceFrequency, number | null> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  SEMI_ANNUAL: 6,
  AD_HOC: null,
};

const DEFAULT_HORIZON_MONTHS = 12;
/** 365.25 / 12 days: how far "half a period" reaches when a moved session stands for an occurrence. */
const AVERAGE_MONTH_MS = (365.25 / 12) * 24 * 3600_000;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a plan made at `now` reaches: `months` calendar months later in
 * UTC. One fixed instant per run, so the rolling top-up and a re-plan agree on
 * where a plan ends whatever the cadence's zone.
 */
export function planningHorizon(now: Date, months = DEFAULT_HORIZON_MONTHS): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).plus({ months }).toJSDate();
}

/** Months from one session to the next; null for AD_HOC (no automatic sessions). */
export function monthsBetweenSessions(frequency: CadenceFrequency): number | null {
  return FREQUENCY_MONTHS[frequency];
}

/** Human-readable problems with a cadence; empty when it is valid. */
export function validateCadence(c: Cadence): string[] {
  const problems: string[] = [];
  if (!Object.hasOwn(FREQUENCY_MONTHS, c.frequency)) {
    const allowed = Object.keys(FREQUENCY_MONTHS).join(', ');
    problems.push(`frequency must be one of ${allowed} (got ${JSON.stringify(c.frequency)})`);
  }
  if (typeof c.localTime !== 'string' || !LOCAL_TIME.test(c.localTime)) {
    problems.push(`localTime must be HH:mm, 00:00 to 23:59 (got ${JSON.stringify(c.localTime)})`);
  }
  if (typeof c.timeZone !== 'string' || !isKnownZone(c.timeZone)) {
    problems.push(`timeZone ${JSON.stringify(c.timeZone)} is not a known IANA zone`);
  }
  const anchor = c.anchor;
  if (anchor?.kind === 'DAY_OF_MONTH') {
    if (!isIntegerIn(anchor.day, 1, 31)) {
      problems.push(`day must be an integer 1..31 (got ${JSON.stringify(anchor.day)})`);
    }
  } else if (anchor?.kind === 'ORDINAL_WEEKDAY') {
    if (![1, 2, 3, 4, -1].includes(anchor.ordinal)) {
      problems.push(`ordinal must be 1, 2, 3, 4 or -1 for "last" (got ${JSON.stringify(anchor.ordinal)})`);
    }
    if (!isIntegerIn(anchor.weekday, 1, 7)) {
      problems.push(`weekday must be an integer 1..7, 1 = Monday (got ${JSON.stringify(anchor.weekday)})`);
    }
  } else {
    const kind: unknown = (anchor as { kind?: unknown } | undefined)?.kind;
    problems.push(`anchor.kind must be DAY_OF_MONTH or ORDINAL_WEEKDAY (got ${JSON.stringify(kind)})`);
  }
  return problems;
}

/**
 * The cadence's session instants within the limits of `o`, ascending.
 *
 * Series: months firstMonth + k × step, where firstMonth is the start date's
 * month if that month's anchor date is on or after the start date, else the
 * next month. Of those, only occurrences in [from, from + horizon], on or
 * before endDate, and the first maxCount of them are returned.
 * AD_HOC gives []. Throws a RangeError for an invalid cadence or options.
 */
export function expandCadence(c: Cadence, o: ExpandOptions): Date[] {
  const problems = validateCadence(c);
  if (problems.length > 0) throw new RangeError(`Invalid cadence: ${problems.join('; ')}`);
  const start = parseLocalDate(o.startDate, 'startDate');
  const end = o.endDate == null ? null : parseLocalDate(o.endDate, 'endDate');
  if (!(o.from instanceof Date) || Number.isNaN(o.from.getTime())) throw new RangeError('from must be a valid Date');
  const horizonMonths = nonNegativeInteger(o.horizonMonths ?? DEFAULT_HORIZON_MONTHS, 'horizonMonths');
  const maxCount = o.maxCount == null ? Infinity : nonNegativeInteger(o.maxCount, 'maxCount');

  const step = monthsBetweenSessions(c.frequency);
  if (step === null || maxCount === 0) return [];

  const from = DateTime.fromJSDate(o.from, { zone: c.timeZone });
  const horizon = o.until ? DateTime.fromJSDate(o.until, { zone: c.timeZone }) : from.plus({ months: horizonMonths });
  const [hour, minute] = c.localTime.split(':').map(Number) as [number, number];

  const startMonth = start.startOf('month');
  const firstMonth = anchorDate(c.anchor, startMonth) < start ? startMonth.plus({ months: 1 }) : startMonth;

  // Skip the months wholly before `from` (all but one step, which covers a DST gap pushing the
  // last day of a month into the next): a years-old engagement costs what a new one does.
  const monthsBeforeFrom = (from.year - firstMonth.year) * 12 + (from.month - firstMonth.month);
  const firstStep = Math.max(0, Math.floor(monthsBeforeFrom / step) - 1);

  const result: Date[] = [];
  for (let k = firstStep; ; k++) {
    const date = anchorDate(c.anchor, firstMonth.plus({ months: k * step }));
    if (end !== null && date > end) break;
    const at = localInstant(date, hour, minute, c.timeZone);
    if (at > horizon) break;
    if (at < from) continue;
    result.push(at.toJSDate());
    if (result.length >= maxCount) break;
  }
  return result;
}

/**
 * Re-plan an engagement's sessions after its cadence, end date or allotment
 * changed: the future SCHEDULED sessions become expandCadence(next, o), except
 * that protected ones (keepReason set) are never cancelled.
 *
 * - Past sessions (startsAt < o.from) and non-SCHEDULED sessions are kept.
 * - A protected future SCHEDULED session is kept where it is and takes one
 *   place of the allotment. One moved by hand or holding content is still that
 *   occurrence of the cadence: it stands for the nearest new occurrence within
 *   half a period (a February session moved to the 17th is February's, so no
 *   second one is created on the 20th). An AD_HOC one is an extra and stands
 *   only for an occurrence at its very instant.
 * - An unprotected future SCHEDULED session exactly at a planned occurrence is
 *   kept and that occurrence is not created; every other one is cancelled,
 *   including a second session at an already matched instant.
 * - maxCount bounds the new future plan (protected + matched + created), so a
 *   re-plan never books more than the allotment, but protected sessions are
 *   kept even beyond it. Sessions kept because past or not SCHEDULED are not
 *   counted: the caller passes what is left after those.
 * - Unprotected future SCHEDULED sessions beyond the horizon or endDate are
 *   cancelled too, so pass the horizon the plan was created with.
 * - Switching to AD_HOC cancels every unprotected future SCHEDULED session.
 * - `kept` lists the protected sessions the same re-plan without protection
 *   would have cancelled: what the coach is told was saved.
 */
export function replanSessions(existing: PlannedSession[], next: Cadence, o: ExpandOptions): Replan {
  const plan = planWithProtection(existing, next, o);
  const plain = planWithProtection(
    existing.map((s) => ({ ...s, keepReason: null })),
    next,
    o,
  );
  const wouldCancel = new Set(plain.cancel);
  const kept = existing.filter((s) => s.keepReason && wouldCancel.has(s.id)).map((s) => ({ id: s.id, reason: s.keepReason! }));
  return { ...plan, kept };
}

function planWithProtection(existing: PlannedSession[], next: Cadence, o: ExpandOptions): Omit<Replan, 'kept'> {
  const occurrences = expandCadence(next, { ...o, maxCount: null }).map((d) => d.getTime());
  const step = monthsBetweenSessions(next.frequency);
  const tolerance = step === null ? 0 : (step * AVERAGE_MONTH_MS) / 2;
  const from = o.from.getTime();
  const keep: string[] = [];
  const plain: PlannedSession[] = [];
  const guarded: PlannedSession[] = [];
  for (const s of existing) {
    if (s.status !== 'SCHEDULED' || s.startsAt.getTime() < from) keep.push(s.id);
    else if (s.keepReason) guarded.push(s);
    else plain.push(s);
  }
  // Exact instants first, so a session already at an occurrence is never robbed of it by a neighbour.
  const open = new Set(occurrences);
  const loose: PlannedSession[] = [];
  for (const s of guarded) {
    keep.push(s.id);
    if (!open.delete(s.startsAt.getTime()) && s.keepReason !== 'AD_HOC') loose.push(s);
  }
  for (const s of loose) {
    const at = s.startsAt.getTime();
    let nearest: number | null = null;
    for (const occurrence of open) {
      if (Math.abs(occurrence - at) <= tolerance && (nearest === null || Math.abs(occurrence - at) < Math.abs(nearest - at)))
        nearest = occurrence;
    }
    if (nearest !== null) open.delete(nearest);
  }
  const budget = o.maxCount == null ? Infinity : Math.max(0, o.maxCount - guarded.length);
  const wanted = new Set(occurrences.filter((at) => open.has(at)).slice(0, budget));
  const cancel: string[] = [];
  for (const s of plain) {
    // delete(): an occurrence is stood for by at most one session.
    if (wanted.delete(s.startsAt.getTime())) keep.push(s.id);
    else cancel.push(s.id);
  }
  const create = [...wanted].sort((a, b) => a - b).map((ms) => new Date(ms));
  const order = new Map(existing.map((s, i) => [s.id, i]));
  keep.sort((a, b) => order.get(a)! - order.get(b)!);
  return { keep, cancel, create };
}

/**
 * An engagement stops (paused, completed, cancelled): which future SCHEDULED
 * sessions go. `keepProtected` (a pause) leaves protected ones scheduled and
 * reports them in `kept`; otherwise every future SCHEDULED session is
 * cancelled (the engagement is over; the caller keeps their content).
 */
export function stopSessions(existing: PlannedSession[], from: Date, keepProtected: boolean): Replan {
  const keep: string[] = [];
  const cancel: string[] = [];
  const kept: KeptSession[] = [];
  for (const s of existing) {
    if (s.status !== 'SCHEDULED' || s.startsAt < from) keep.push(s.id);
    else if (keepProtected && s.keepReason) {
      keep.push(s.id);
      kept.push({ id: s.id, reason: s.keepReason });
    } else cancel.push(s.id);
  }
  return { keep, cancel, create: [], kept };
}

/**
 * Where a session planned at `startsAt` in `fromZone` falls when its wall-clock
 * time is kept in `toZone` (a client moved: 09:00 stays 09:00 there). The DST
 * rules at the top of this file apply in the new zone.
 */
export function sameLocalTimeIn(startsAt: Date, fromZone: string, toZone: string): Date {
  const local = DateTime.fromJSDate(startsAt, { zone: fromZone });
  return localInstant(local.startOf('day'), local.hour, local.minute, toZone).toJSDate();
}

/** The anchor's date in the month starting on `first` (a calendar date held in UTC). */
function anchorDate(anchor: CadenceAnchor, first: DateTime): DateTime {
  const daysInMonth = first.daysInMonth as number;
  if (anchor.kind === 'DAY_OF_MONTH') {
    return first.set({ day: Math.min(anchor.day, daysInMonth) });
  }
  if (anchor.ordinal === -1) {
    const last = first.set({ day: daysInMonth });
    return last.minus({ days: (last.weekday - anchor.weekday + 7) % 7 });
  }
  const firstMatch = first.plus({ days: (anchor.weekday - first.weekday + 7) % 7 });
  return firstMatch.plus({ weeks: anchor.ordinal - 1 });
}

/** The instant of `hour:minute` local time on `date` in `zone`; see the DST notes at the top. */
function localInstant(date: DateTime, hour: number, minute: number, zone: string): DateTime {
  const dt = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone });
  // In an overlap both candidates show the requested wall time; around a gap
  // getPossibleOffsets() also returns candidates that do not, so filter.
  const wanted = `${date.toISODate()} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const matches = dt.getPossibleOffsets().filter((d) => d.toFormat('yyyy-MM-dd HH:mm') === wanted);
  return matches.reduce((earliest, d) => (d < earliest ? d : earliest), matches[0] ?? dt);
}

/** A 'YYYY-MM-DD' string as a calendar date (held in UTC, so no zone shifts it). */
function parseLocalDate(value: string, name: string): DateTime {
  const date = typeof value === 'string' && LOCAL_DATE.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : null;
  if (!date?.isValid) throw new RangeError(`${name} must be a valid YYYY-MM-DD date (got ${JSON.stringify(value)})`);
  return date;
}

/** Zone names already checked: Luxon's check builds an Intl formatter each time (about 1 ms), and the rolling plan checks thousands. */
const zoneValidity = new Map<string, boolean>();

function isKnownZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    // Node 24's Intl also takes UTC offsets ('+05:30') as zones; a cadence needs a named zone's rules.
    valid = !/^[+-]/.test(zone) && IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!isIntegerIn(value, 0, Infinity)) throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  return value;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
