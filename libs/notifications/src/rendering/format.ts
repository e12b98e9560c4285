import { DateTime, IANAZone } from 'luxon';

// Only the day and month names come from the locale; the order is fixed by the formats below.
const LOCALE = 'en-US';

/**
 * Zone names already checked. IANAZone.isValidZone builds an Intl.DateTimeFormat
 * on every call (about 6 % of the worker's CPU before this cache); the answer
 * for a name does not change while the process runs, and the names in use are
 * few (bounded below all the same, against a flood of made-up ones).
 */
const checkedZones = new Map<string, string>();
const MAX_CHECKED_ZONES = 1000;

/** The zone to show times in: the recipient's, or UTC when it is not a zone Luxon knows. */
export function displayZone(zone: string): string {
  let shown = checkedZones.get(zone);
  if (shown === undefined) {
    shown = IANAZone.isValidZone(zone) ? zone : 'UTC';
    if (checkedZones.size >= MAX_CHECKED_ZONES) checkedZones.clear();
    checkedZones.set(zone, shown);
  }
  return shown;
}

function inZone(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone }).setLocale(LOCALE);
}

/** "Tuesday 5 January 2027, 09:00 (America/New_York)" */
export function longDateTime(instant: Date, zone: string): string {
  return `${inZone(instant, zone).toFormat('cccc d LLLL yyyy, HH:mm')} (${zone})`;
}

/** "Tue 5 Jan, 09:00", for subjects. */
export function shortDateTime(instant: Date, zone: string): string {
  return inZone(instant, zone).toFormat('ccc d LLL, HH:mm');
}

/** "Tue 5 Jan", for subjects. */
export function shortDate(instant: Date, zone: string): string {
  return inZone(instant, zone).toFormat('ccc d LLL');
}

/** A calendar date ('YYYY-MM-DD', no zone) as "Fri 8 Jan 2027". */
export function calendarDate(isoDate: string): string {
  const date = DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(LOCALE);
  return date.isValid ? date.toFormat('ccc d LLL yyyy') : isoDate;
}

/** "1 action item", "3 action items". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * How far ahead a session is, to the minute: whole days as days ("in 2 days"), whole hours as
 * hours ("in 1 hour", "in 36 hours"), anything under 2 hours in minutes ("in 31 minutes",
 * "in 90 minutes"), the rest as hours and minutes ("in 2 hours and 15 minutes").
 */
export function inAdvance(minutes: number): string {
  const whole = Math.max(1, Math.round(minutes));
  if (whole % (24 * 60) === 0) return `in ${count(whole / (24 * 60), 'day')}`;
  if (whole % 60 === 0) return `in ${count(whole / 60, 'hour')}`;
  if (whole < 120) return `in ${count(whole, 'minute')}`;
  return `in ${count(Math.floor(whole / 60), 'hour')} and ${count(whole % 60, 'minute')}`;
}

/** Header-safe single line: names in subjects must not carry line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
