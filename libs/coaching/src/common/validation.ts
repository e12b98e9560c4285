import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsString, IsUrl, Length, Max, MaxLength, Min, registerDecorator, type ValidationOptions } from 'class-validator';

export const MAX_NAME = 200;
export const MAX_EMAIL = 320;
export const MAX_TEXT = 20_000;
export const MAX_TIME_ZONE = 64;
export const MAX_URL = 2000;

export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_TIME_ZONE || (!value.includes('/') && value !== 'UTC')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name such as Europe/London (not an abbreviation or an offset); at most MAX_TIME_ZONE characters. */
export function IsIanaTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    MaxLength(MAX_TIME_ZONE, options)(target, propertyName);
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/London`, ...options },
      validator: { validate: (value: unknown) => isIanaTimeZone(value) },
    });
  };
}

/** A calendar date 'YYYY-MM-DD' that exists (so at most 10 characters). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    MaxLength(10, options)(target, propertyName);
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date as YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
      },
    });
  };
}

/** Trims surrounding white space from strings (before validation). */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an email address. */
export const NormalizeEmail = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** A one-line text such as a name, a title or an organisation: trimmed, then 1 to MAX_NAME characters. */
export function IsShortText() {
  return (target: object, propertyName: string) => {
    Length(1, MAX_NAME)(target, propertyName);
    IsString()(target, propertyName);
    Trim()(target, propertyName);
  };
}

/** An email address: trimmed and lower-cased, then checked, at most MAX_EMAIL characters. */
export function IsEmailAddress() {
  return (target: object, propertyName: string) => {
    MaxLength(MAX_EMAIL)(target, propertyName);
    IsEmail()(target, propertyName);
    NormalizeEmail()(target, propertyName);
  };
}

/** A video-call link: http(s) with its protocol written, at most MAX_URL characters. */
export function IsMeetingUrl() {
  return (target: object, propertyName: string) => {
    MaxLength(MAX_URL)(target, propertyName);
    IsUrl({ protocols: ['https', 'http'], require_protocol: true })(target, propertyName);
  };
}

/** A session's length in minutes: 5 to 600. */
export function IsSessionMinutes() {
  return (target: object, propertyName: string) => {
    Max(600)(target, propertyName);
    Min(5)(target, propertyName);
    IsInt()(target, propertyName);
  };
}

/** How many sessions an engagement includes: 1 to 500. */
export function IsSessionAllotment() {
  return (target: object, propertyName: string) => {
    Max(500)(target, propertyName);
    Min(1)(target, propertyName);
    IsInt()(target, propertyName);
  };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in its usual hyphenated text form: the one check for ids from outside (arguments, cursors, tokens, job payloads). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

// Half of a surrogate pair: not a character at all.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` can be stored and read back as text: no NUL (PostgreSQL text cannot hold it) and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year-month-day names a day of the proleptic Gregorian calendar (no 2026-02-30, no month 13). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/** Whether `value` is a calendar date as YYYY-MM-DD that exists. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant of an RFC 3339 date-time ("2026-12-01T09:00:00Z", "…T10:00:00.5+01:00"), read
 * exactly: a zone is required and nothing rolls over (no 2026-02-30, no 24:00, no second 60).
 * Undefined for anything else, numbers and "yesterday" included.
 */
export function parseRfc3339(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? RFC3339.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (!match[8]) {
    const offsetHours = Number(match[10]);
    const offsetRest = Number(match[11]);
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const milliseconds = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, milliseconds);
  const instant = new Date(local.getTime() - offsetMinutes * 60_000);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
