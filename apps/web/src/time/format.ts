import { DateTime } from 'luxon';

/** The zone times are shown in: the viewer's own (from their profile), else the browser's. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "GMT", "EST", or "GMT+2" where there is no common abbreviation; named so a time is never ambiguous. */
export function zoneAbbreviation(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ZZZZ');
}

/** "Europe/London" → "London"; for headings such as "Times in London (GMT)". */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** "Tue 3 Mar 2026, 09:00 GMT": date, time and the zone's name. */
export function formatDateTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/** "Tue 3 Mar 2026" in the zone. */
export function formatDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL yyyy');
}

/** "09:00 GMT". */
export function formatTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm ZZZZ');
}

/** "in 3 days", "2 hours ago" — relative to now. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  return DateTime.fromISO(iso).toRelative({ base: DateTime.fromJSDate(now) }) ?? '';
}

/** A `<input type="datetime-local">` value for an instant, in the zone. */
export function toLocalInputValue(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The instant a `<input type="datetime-local">` value means in the zone (ISO, UTC). */
export function fromLocalInputValue(value: string, zone: string): string | null {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
