/**
 * Dates and times for people, in a named zone, with the browser's own Intl (no date library:
 * every page shows times, so this module is in the first script everyone downloads). The output
 * is what Luxon's `toFormat` gave for the same patterns (format.test.ts checks both agree).
 */

/** The zone times are shown in: the viewer's own (from their profile), else the browser's. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Europe/London" → "London"; for headings such as "Times in London (GMT)". */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** "Tue 3 Mar 2026, 09:00 GMT": date, time and the zone's name. */
export function formatDateTime(iso: string, zone: string): string {
  const at = wallClock(iso, zone);
  return at ? `${dateText(at)}, ${timeText(at)} ${at.zoneName}` : INVALID;
}

/** "Tue 3 Mar 2026" in the zone. */
export function formatDate(iso: string, zone: string): string {
  const at = wallClock(iso, zone);
  return at ? dateText(at) : INVALID;
}

/** "09:00 GMT". */
export function formatTime(iso: string, zone: string): string {
  const at = wallClock(iso, zone);
  return at ? `${timeText(at)} ${at.zoneName}` : INVALID;
}

/** "GMT", "EST", or "GMT+2" where there is no common abbreviation; named so a time is never ambiguous. */
export function zoneAbbreviation(iso: string, zone: string): string {
  return wallClock(iso, zone)?.zoneName ?? INVALID;
}

/** "Tue 3 Mar 2026" for a YYYY-MM-DD calendar date, shown as written (a date has no zone); anything else as given. */
export function formatCalendarDate(date: string): string {
  const day = calendarDay(date);
  return day ? dateText(wallClock(new Date(day).toISOString(), 'UTC')!) : date;
}

/** The hour (0–23) of an instant on the zone's clock. */
export function hourIn(instant: Date, zone: string): number {
  return wallClock(instant.toISOString(), zone)?.hour ?? instant.getHours();
}

/** The YYYY-MM-DD of an instant in the zone, `plusDays` calendar days later. */
export function isoDateIn(instant: Date, zone: string, plusDays = 0): string {
  const at = wallClock(instant.toISOString(), zone);
  if (!at) return '';
  return new Date(Date.UTC(at.year, at.month - 1, at.day + plusDays)).toISOString().slice(0, 10);
}

// What Luxon's toFormat answers for an invalid DateTime.
const INVALID = 'Invalid DateTime';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: string;
  monthName: string;
  zoneName: string;
}

function dateText(at: WallClock): string {
  return `${at.weekday} ${at.day} ${at.monthName} ${at.year}`;
}

function timeText(at: WallClock): string {
  return `${pad(at.hour)}:${pad(at.minute)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (creating them is the expensive part); undefined for a zone Intl does not know. */
function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      // en-US whatever the browser's locale, as Luxon's toFormat ("EST", not "GMT-5").
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        weekday: 'short',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

// Separate formatters for the numbers (the named one's parts are words).
const numberFormatters = new Map<string, Intl.DateTimeFormat>();

function numbersFor(zone: string): Intl.DateTimeFormat {
  let formatter = numberFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    numberFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The instant `iso` on the zone's clock; an ISO text without an offset is a time on that clock already. */
function wallClock(iso: string, zone: string): WallClock | undefined {
  const named = formatterFor(zone);
  if (!named) return undefined;
  const ms = instantOf(iso, zone);
  if (ms === undefined) return undefined;
  const text = partsOf(named, ms);
  const numbers = partsOf(numbersFor(zone), ms);
  return {
    year: Number(numbers.year),
    month: Number(numbers.month),
    day: Number(numbers.day),
    hour: Number(numbers.hour) % 24,
    minute: Number(numbers.minute),
    weekday: text.weekday ?? '',
    monthName: text.month ?? '',
    zoneName: text.timeZoneName ?? '',
  };
}

function partsOf(formatter: Intl.DateTimeFormat, ms: number): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch of an ISO 8601 text (an offset-less one read on the zone's clock), or undefined. */
function instantOf(iso: string, zone: string): number | undefined {
  const match = ISO.exec(iso.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', offset] = match;
  const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
  const asUtc = Date.UTC(...fields, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59)
    return undefined;
  if (offset) {
    if (offset.toUpperCase() === 'Z') return asUtc;
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    return asUtc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  // A time on the zone's clock: take the zone's offset near it, then once more at the result (DST).
  let guess = asUtc - offsetMs(asUtc, zone);
  guess = asUtc - offsetMs(guess, zone);
  return guess;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(ms: number, zone: string): number {
  const at = partsOf(numbersFor(zone), ms);
  const wall = Date.UTC(Number(at.year), Number(at.month) - 1, Number(at.day), Number(at.hour) % 24, Number(at.minute));
  return wall - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/** Epoch milliseconds of a valid YYYY-MM-DD at midnight UTC, or undefined. */
function calendarDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const ms = Date.UTC(year, month, day);
  const check = new Date(ms);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month && check.getUTCDate() === day ? ms : undefined;
}
