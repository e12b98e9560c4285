import { DateTime } from 'luxon';

/** A `<input type="datetime-local">` value for an instant, in the zone. */
export function toLocalInputValue(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The instant a `<input type="datetime-local">` value means in the zone (ISO, UTC). */
export function fromLocalInputValue(value: string, zone: string): string | null {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}
