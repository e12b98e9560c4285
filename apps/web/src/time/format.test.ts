import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatTime, hourIn, isoDateIn, zoneAbbreviation, zoneCity } from './format';

// The formatter replaced Luxon's toFormat in the first script: the same text for the same input.
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'];
const INSTANTS = [
  '2026-03-03T09:00:00.000Z',
  '2026-03-29T00:59:59.000Z', // London's clocks go forward at 01:00 UTC
  '2026-03-29T01:00:00.000Z',
  '2026-11-01T05:30:00.000Z', // New York falls back at 06:00 UTC
  '2026-12-31T23:59:00.000Z',
  '2024-02-29T12:00:00+05:30',
  '2026-07-04T00:00:00-04:00',
];
// Offset-less texts are read on the zone's clock, as Luxon's fromISO(text, { zone }) reads them.
const LOCAL_TEXTS = ['2026-03-03', '2026-03-03T09:15', '2026-07-01T23:30:00'];

const luxon = (iso: string, zone: string, pattern: string) => DateTime.fromISO(iso, { zone }).toFormat(pattern);

describe('time formatting', () => {
  it.each(ZONES)('writes instants in %s as Luxon did', (zone) => {
    for (const iso of [...INSTANTS, ...LOCAL_TEXTS]) {
      expect(formatDateTime(iso, zone)).toBe(luxon(iso, zone, 'ccc d LLL yyyy, HH:mm ZZZZ'));
      expect(formatDate(iso, zone)).toBe(luxon(iso, zone, 'ccc d LLL yyyy'));
      expect(formatTime(iso, zone)).toBe(luxon(iso, zone, 'HH:mm ZZZZ'));
      expect(zoneAbbreviation(iso, zone)).toBe(luxon(iso, zone, 'ZZZZ'));
    }
  });

  it('names zones as people know them', () => {
    expect(formatDateTime('2026-03-03T09:00:00.000Z', 'Europe/London')).toBe('Tue 3 Mar 2026, 09:00 GMT');
    expect(formatTime('2026-07-03T13:05:00.000Z', 'America/New_York')).toBe('09:05 EDT');
    expect(zoneCity('America/Los_Angeles')).toBe('Los Angeles');
  });

  it('answers as Luxon did for text it cannot read and zones it does not know', () => {
    expect(formatDateTime('not a date', 'UTC')).toBe(luxon('not a date', 'UTC', 'ccc d LLL yyyy, HH:mm ZZZZ'));
    expect(formatDate('2026-02-30', 'UTC')).toBe(luxon('2026-02-30', 'UTC', 'ccc d LLL yyyy'));
    expect(formatTime('2026-03-03T09:00:00.000Z', 'Mars/Olympus')).toBe(luxon('2026-03-03T09:00:00.000Z', 'Mars/Olympus', 'HH:mm ZZZZ'));
  });

  it('shows a calendar date as written and leaves anything else alone', () => {
    expect(formatCalendarDate('2026-03-03')).toBe('Tue 3 Mar 2026');
    expect(formatCalendarDate('2026-02-30')).toBe('2026-02-30');
    expect(formatCalendarDate('soon')).toBe('soon');
  });

  it('reads the hour and the calendar day on the zone’s clock', () => {
    const now = new Date('2026-03-03T02:00:00Z');
    expect(hourIn(now, 'America/New_York')).toBe(21);
    expect(hourIn(now, 'Asia/Kolkata')).toBe(7);
    expect(isoDateIn(now, 'America/New_York')).toBe('2026-03-02');
    expect(isoDateIn(now, 'Europe/London', 7)).toBe('2026-03-10');
    expect(isoDateIn(new Date('2026-12-28T12:00:00Z'), 'UTC', 7)).toBe('2027-01-04');
  });
});
