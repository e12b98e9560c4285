// Long on purpose: the cadence rules case by case (anchors, stepping, time zones, DST), one describe per rule.
import { DateTime, Settings } from 'luxon';
import {
  expandCadence,
  monthsBetweenSessions,
  replanSessions,
  sameLocalTimeIn,
  stopSessions,
  validateCadence,
  type Cadence,
  type CadenceAnchor,
  type CadenceFrequency,
  type ExpandOptions,
  type KeepReason,
  type PlannedSession,
  type Weekday,
  type WeekdayOrdinal,
} from './cadence.js';

// Expected values were worked out by hand and cross-checked against Python's zoneinfo.

const MON = 1,
  TUE = 2,
  WED = 3,
  THU = 4,
  FRI = 5,
  SUN = 7;

const day = (d: number): CadenceAnchor => ({ kind: 'DAY_OF_MONTH', day: d });
const nth = (ordinal: WeekdayOrdinal, weekday: Weekday): CadenceAnchor => ({ kind: 'ORDINAL_WEEKDAY', ordinal, weekday });

function cadence(overrides: Partial<Cadence> = {}): Cadence {
  return { frequency: 'MONTHLY', anchor: day(15), localTime: '09:00', timeZone: 'UTC', ...overrides };
}

/** Wall-clock rendering of instants in a zone. */
const local = (dates: Date[], zone: string): string[] => dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm'));
const utc = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

/** All occurrences on local dates firstDay..lastDay (series starting on firstDay). */
function between(c: Cadence, firstDay: string, lastDay: string): Date[] {
  const from = DateTime.fromISO(firstDay, { zone: c.timeZone }).toJSDate();
  return expandCadence(c, { startDate: firstDay, endDate: lastDay, from, horizonMonths: 120 });
}

/** Local dates (yyyy-MM-dd) of a monthly cadence over 2025. */
function datesIn2025(anchor: CadenceAnchor): string[] {
  return local(between(cadence({ anchor }), '2025-01-01', '2025-12-31'), 'UTC').map((s) => s.slice(0, 10));
}

describe('monthsBetweenSessions', () => {
  it.each<[CadenceFrequency, number | null]>([
    ['MONTHLY', 1],
    ['QUARTERLY', 3],
    ['SEMI_ANNUAL', 6],
    ['AD_HOC', null],
  ])('%s → %p', (frequency, months) => {
    expect(monthsBetweenSessions(frequency)).toBe(months);
  });
});

describe('validateCadence', () => {
  it('accepts valid cadences of both anchor kinds', () => {
    expect(validateCadence(cadence())).toEqual([]);
    expect(validateCadence(cadence({ anchor: day(31), localTime: '23:59', timeZone: 'Asia/Kolkata' }))).toEqual([]);
    expect(validateCadence(cadence({ anchor: nth(-1, FRI), localTime: '00:00', timeZone: 'America/New_York' }))).toEqual([]);
    expect(validateCadence(cadence({ frequency: 'AD_HOC', anchor: nth(4, 7) }))).toEqual([]);
  });

  it.each(['Mars/Base', 'Europe/Londn', '+05:30', 'GMT+1x', ''])('rejects the time zone %p', (timeZone) => {
    expect(validateCadence(cadence({ timeZone }))).toEqual([`timeZone "${timeZone}" is not a known IANA zone`]);
  });

  it.each(['25:00', '24:00', '9:00', '09:60', '09:5', '0900', '09:00:00', '9am', ''])('rejects the local time %p', (localTime) => {
    expect(validateCadence(cadence({ localTime }))).toEqual([`localTime must be HH:mm, 00:00 to 23:59 (got "${localTime}")`]);
  });

  it.each([0, 32, -1, 1.5, NaN])('rejects day %p', (d) => {
    expect(validateCadence(cadence({ anchor: day(d) }))).toEqual([`day must be an integer 1..31 (got ${JSON.stringify(d)})`]);
  });

  it.each([5, 0, -2, 1.5])('rejects ordinal %p', (ordinal) => {
    expect(validateCadence(cadence({ anchor: nth(ordinal as WeekdayOrdinal, MON) }))).toEqual([
      `ordinal must be 1, 2, 3, 4 or -1 for "last" (got ${ordinal})`,
    ]);
  });

  it.each([0, 8, 2.5])('rejects weekday %p', (weekday) => {
    expect(validateCadence(cadence({ anchor: nth(1, weekday as Weekday) }))).toEqual([
      `weekday must be an integer 1..7, 1 = Monday (got ${weekday})`,
    ]);
  });

  it('rejects an unknown frequency or anchor kind', () => {
    expect(validateCadence(cadence({ frequency: 'WEEKLY' as CadenceFrequency }))).toEqual([
      'frequency must be one of MONTHLY, QUARTERLY, SEMI_ANNUAL, AD_HOC (got "WEEKLY")',
    ]);
    expect(validateCadence(cadence({ anchor: { kind: 'EASTER' } as unknown as CadenceAnchor }))).toEqual([
      'anchor.kind must be DAY_OF_MONTH or ORDINAL_WEEKDAY (got "EASTER")',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = validateCadence({
      frequency: 'MONTHLY',
      anchor: nth(5 as WeekdayOrdinal, 8 as Weekday),
      localTime: '9:00',
      timeZone: 'Mars/Base',
    });
    expect(problems).toHaveLength(4);
  });
});

describe('expandCadence', () => {
  describe('day-of-month anchors', () => {
    it('puts "the 31st" on the last day of shorter months, across a leap year', () => {
      const dates = local(between(cadence({ anchor: day(31) }), '2024-01-01', '2025-03-31'), 'UTC');
      expect(dates).toEqual([
        '2024-01-31 09:00',
        '2024-02-29 09:00',
        '2024-03-31 09:00',
        '2024-04-30 09:00',
        '2024-05-31 09:00',
        '2024-06-30 09:00',
        '2024-07-31 09:00',
        '2024-08-31 09:00',
        '2024-09-30 09:00',
        '2024-10-31 09:00',
        '2024-11-30 09:00',
        '2024-12-31 09:00',
        '2025-01-31 09:00',
        '2025-02-28 09:00',
        '2025-03-31 09:00',
      ]);
    });

    it('clamps the 29th and 30th to February 28 in a common year, and keeps the 29th in a leap year', () => {
      expect(datesIn2025(day(30)).slice(0, 3)).toEqual(['2025-01-30', '2025-02-28', '2025-03-30']);
      expect(datesIn2025(day(29)).slice(0, 3)).toEqual(['2025-01-29', '2025-02-28', '2025-03-29']);
      expect(local(between(cadence({ anchor: day(29) }), '2024-02-01', '2024-02-29'), 'UTC')).toEqual(['2024-02-29 09:00']);
    });

    it('puts "the 1st" on the first of every month', () => {
      expect(datesIn2025(day(1)).join(' ')).toBe(
        '2025-01-01 2025-02-01 2025-03-01 2025-04-01 2025-05-01 2025-06-01 2025-07-01 2025-08-01 2025-09-01 2025-10-01 2025-11-01 2025-12-01',
      );
    });
  });

  describe('ordinal weekday anchors', () => {
    it('first Tuesday', () => {
      expect(datesIn2025(nth(1, TUE)).join(' ')).toBe(
        '2025-01-07 2025-02-04 2025-03-04 2025-04-01 2025-05-06 2025-06-03 2025-07-01 2025-08-05 2025-09-02 2025-10-07 2025-11-04 2025-12-02',
      );
    });

    it('second Wednesday', () => {
      expect(datesIn2025(nth(2, WED)).join(' ')).toBe(
        '2025-01-08 2025-02-12 2025-03-12 2025-04-09 2025-05-14 2025-06-11 2025-07-09 2025-08-13 2025-09-10 2025-10-08 2025-11-12 2025-12-10',
      );
    });

    it('fourth Thursday (US Thanksgiving in November)', () => {
      expect(datesIn2025(nth(4, THU)).join(' ')).toBe(
        '2025-01-23 2025-02-27 2025-03-27 2025-04-24 2025-05-22 2025-06-26 2025-07-24 2025-08-28 2025-09-25 2025-10-23 2025-11-27 2025-12-25',
      );
    });

    it('last Friday, including the fifth Friday of January, May, August and October 2025', () => {
      expect(datesIn2025(nth(-1, FRI)).join(' ')).toBe(
        '2025-01-31 2025-02-28 2025-03-28 2025-04-25 2025-05-30 2025-06-27 2025-07-25 2025-08-29 2025-09-26 2025-10-31 2025-11-28 2025-12-26',
      );
    });

    it('handles months that start or end on the wanted weekday', () => {
      // June 2025 starts on a Sunday; August and November 2025 end on one.
      expect(datesIn2025(nth(1, SUN))).toContain('2025-06-01');
      expect(datesIn2025(nth(-1, SUN))).toEqual(expect.arrayContaining(['2025-08-31', '2025-11-30']));
    });
  });

  describe('frequency stepping and the first month', () => {
    const quarterly = cadence({ frequency: 'QUARTERLY' });
    const from = new Date('2024-01-01T00:00:00Z');

    it('starts in the start month when its anchor date is after the start date', () => {
      const dates = expandCadence(quarterly, { startDate: '2025-01-10', from, horizonMonths: 36, endDate: '2025-12-31' });
      expect(local(dates, 'UTC')).toEqual(['2025-01-15 09:00', '2025-04-15 09:00', '2025-07-15 09:00', '2025-10-15 09:00']);
    });

    it('starts in the start month when its anchor date is the start date', () => {
      const dates = expandCadence(quarterly, { startDate: '2025-01-15', from, horizonMonths: 36, endDate: '2025-12-31' });
      expect(local(dates, 'UTC')).toEqual(['2025-01-15 09:00', '2025-04-15 09:00', '2025-07-15 09:00', '2025-10-15 09:00']);
    });

    it("starts in the next month when the start month's anchor date is before the start date", () => {
      const dates = expandCadence(quarterly, { startDate: '2025-01-16', from, horizonMonths: 36, endDate: '2025-12-31' });
      expect(local(dates, 'UTC')).toEqual(['2025-02-15 09:00', '2025-05-15 09:00', '2025-08-15 09:00', '2025-11-15 09:00']);
    });

    it('applies the first-month rule to ordinal weekdays (first Tuesday of January 2025 is the 7th)', () => {
      const c = cadence({ frequency: 'QUARTERLY', anchor: nth(1, TUE) });
      expect(local(between(c, '2025-01-07', '2025-12-31'), 'UTC').map((s) => s.slice(0, 10))).toEqual([
        '2025-01-07',
        '2025-04-01',
        '2025-07-01',
        '2025-10-07',
      ]);
      expect(local(between(c, '2025-01-08', '2025-12-31'), 'UTC').map((s) => s.slice(0, 10))).toEqual([
        '2025-02-04',
        '2025-05-06',
        '2025-08-05',
        '2025-11-04',
      ]);
    });

    it('compares the start date with the clamped anchor date ("the 31st" in February is the 28th)', () => {
      const c = cadence({ anchor: day(31) });
      expect(local(between(c, '2025-02-28', '2025-04-30'), 'UTC')).toEqual(['2025-02-28 09:00', '2025-03-31 09:00', '2025-04-30 09:00']);
    });

    it('steps semi-annually, clamping each month on its own', () => {
      const c = cadence({ frequency: 'SEMI_ANNUAL', anchor: day(31) });
      expect(local(between(c, '2025-03-01', '2027-12-31'), 'UTC')).toEqual([
        '2025-03-31 09:00',
        '2025-09-30 09:00',
        '2026-03-31 09:00',
        '2026-09-30 09:00',
        '2027-03-31 09:00',
        '2027-09-30 09:00',
      ]);
    });

    it('keeps the series phase from the start date when `from` is much later', () => {
      // Started February 2024: Feb, May, Aug, Nov every year.
      const dates = expandCadence(quarterly, {
        startDate: '2024-02-10',
        from: new Date('2025-03-01T00:00:00Z'),
      });
      expect(local(dates, 'UTC')).toEqual(['2025-05-15 09:00', '2025-08-15 09:00', '2025-11-15 09:00', '2026-02-15 09:00']);
    });

    it('returns nothing for AD_HOC', () => {
      expect(between(cadence({ frequency: 'AD_HOC' }), '2025-01-01', '2030-12-31')).toEqual([]);
    });
  });

  describe('time zones and DST', () => {
    const MONTHS_2025 = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    const allAtNine = MONTHS_2025.map((m) => `2025-${m}-15 09:00`);

    function fifteenths(timeZone: string): Date[] {
      return between(cadence({ timeZone }), '2025-01-01', '2025-12-31');
    }

    it('America/New_York: 09:00 local all year, 14:00Z in EST and 13:00Z in EDT', () => {
      const dates = fifteenths('America/New_York');
      expect(local(dates, 'America/New_York')).toEqual(allAtNine);
      expect(utc(dates)).toEqual([
        '2025-01-15T14:00:00.000Z',
        '2025-02-15T14:00:00.000Z',
        '2025-03-15T13:00:00.000Z',
        '2025-04-15T13:00:00.000Z',
        '2025-05-15T13:00:00.000Z',
        '2025-06-15T13:00:00.000Z',
        '2025-07-15T13:00:00.000Z',
        '2025-08-15T13:00:00.000Z',
        '2025-09-15T13:00:00.000Z',
        '2025-10-15T13:00:00.000Z',
        '2025-11-15T14:00:00.000Z',
        '2025-12-15T14:00:00.000Z',
      ]);
    });

    it('America/New_York: on the transition days themselves (second Sunday of March, first Sunday of November)', () => {
      const spring = between(cadence({ anchor: nth(2, SUN), timeZone: 'America/New_York' }), '2025-02-01', '2025-04-30');
      expect(local(spring, 'America/New_York')).toEqual(['2025-02-09 09:00', '2025-03-09 09:00', '2025-04-13 09:00']);
      expect(utc(spring)).toEqual(['2025-02-09T14:00:00.000Z', '2025-03-09T13:00:00.000Z', '2025-04-13T13:00:00.000Z']);

      const fall = between(cadence({ anchor: nth(1, SUN), timeZone: 'America/New_York' }), '2025-10-01', '2025-12-31');
      expect(local(fall, 'America/New_York')).toEqual(['2025-10-05 09:00', '2025-11-02 09:00', '2025-12-07 09:00']);
      expect(utc(fall)).toEqual(['2025-10-05T13:00:00.000Z', '2025-11-02T14:00:00.000Z', '2025-12-07T14:00:00.000Z']);
    });

    it('Europe/London: 09:00 local all year, 09:00Z in GMT and 08:00Z in BST', () => {
      const dates = fifteenths('Europe/London');
      expect(local(dates, 'Europe/London')).toEqual(allAtNine);
      expect(
        utc(dates)
          .map((s) => s.slice(5, 13))
          .join(' '),
      ).toBe('01-15T09 02-15T09 03-15T09 04-15T08 05-15T08 06-15T08 07-15T08 08-15T08 09-15T08 10-15T08 11-15T09 12-15T09');
    });

    it('Europe/London: on the transition days themselves (last Sunday of March and of October)', () => {
      const spring = between(cadence({ anchor: nth(-1, SUN), timeZone: 'Europe/London' }), '2025-02-01', '2025-04-30');
      expect(local(spring, 'Europe/London')).toEqual(['2025-02-23 09:00', '2025-03-30 09:00', '2025-04-27 09:00']);
      expect(utc(spring)).toEqual(['2025-02-23T09:00:00.000Z', '2025-03-30T08:00:00.000Z', '2025-04-27T08:00:00.000Z']);

      const fall = between(cadence({ anchor: nth(-1, SUN), timeZone: 'Europe/London' }), '2025-09-01', '2025-11-30');
      expect(local(fall, 'Europe/London')).toEqual(['2025-09-28 09:00', '2025-10-26 09:00', '2025-11-30 09:00']);
      expect(utc(fall)).toEqual(['2025-09-28T08:00:00.000Z', '2025-10-26T09:00:00.000Z', '2025-11-30T09:00:00.000Z']);
    });

    it('Australia/Sydney: 09:00 local all year, on the previous UTC day (22:00Z in AEDT, 23:00Z in AEST)', () => {
      const dates = fifteenths('Australia/Sydney');
      expect(local(dates, 'Australia/Sydney')).toEqual(allAtNine);
      expect(
        utc(dates)
          .map((s) => s.slice(5, 13))
          .join(' '),
      ).toBe('01-14T22 02-14T22 03-14T22 04-14T23 05-14T23 06-14T23 07-14T23 08-14T23 09-14T23 10-14T22 11-14T22 12-14T22');
    });

    it('Australia/Sydney: on the transition days themselves (first Sunday of April and of October)', () => {
      const c = cadence({ anchor: nth(1, SUN), timeZone: 'Australia/Sydney' });
      const autumn = between(c, '2025-03-01', '2025-05-31');
      expect(local(autumn, 'Australia/Sydney')).toEqual(['2025-03-02 09:00', '2025-04-06 09:00', '2025-05-04 09:00']);
      expect(utc(autumn)).toEqual(['2025-03-01T22:00:00.000Z', '2025-04-05T23:00:00.000Z', '2025-05-03T23:00:00.000Z']);

      const spring = between(c, '2025-09-01', '2025-11-30');
      expect(local(spring, 'Australia/Sydney')).toEqual(['2025-09-07 09:00', '2025-10-05 09:00', '2025-11-02 09:00']);
      expect(utc(spring)).toEqual(['2025-09-06T23:00:00.000Z', '2025-10-04T22:00:00.000Z', '2025-11-01T22:00:00.000Z']);
    });

    it('Asia/Kolkata (no DST, +05:30): always 03:30Z', () => {
      const dates = fifteenths('Asia/Kolkata');
      expect(local(dates, 'Asia/Kolkata')).toEqual(allAtNine);
      expect(utc(dates)).toEqual(MONTHS_2025.map((m) => `2025-${m}-15T03:30:00.000Z`));
    });

    it('UTC: always 09:00Z', () => {
      expect(utc(fifteenths('UTC'))).toEqual(MONTHS_2025.map((m) => `2025-${m}-15T09:00:00.000Z`));
    });
  });

  describe('DST gaps and overlaps', () => {
    const realNow = Settings.now;
    afterEach(() => {
      Settings.now = realNow;
    });

    interface Transition {
      zone: string;
      anchor: CadenceAnchor;
      time: string; // local time that is nonexistent / ambiguous on `day`
      day: string;
    }

    const gaps: (Transition & { resolvedTo: string; instant: string })[] = [
      {
        zone: 'America/New_York',
        anchor: nth(2, SUN),
        time: '02:30',
        day: '2025-03-09',
        resolvedTo: '03:30',
        instant: '2025-03-09T07:30:00.000Z',
      },
      {
        zone: 'Europe/London',
        anchor: nth(-1, SUN),
        time: '01:30',
        day: '2025-03-30',
        resolvedTo: '02:30',
        instant: '2025-03-30T01:30:00.000Z',
      },
      {
        zone: 'Australia/Sydney',
        anchor: nth(1, SUN),
        time: '02:30',
        day: '2025-10-05',
        resolvedTo: '03:30',
        instant: '2025-10-04T16:30:00.000Z',
      },
    ];

    const overlaps: (Transition & { earlier: string; later: string })[] = [
      {
        zone: 'America/New_York',
        anchor: nth(1, SUN),
        time: '01:30',
        day: '2025-11-02',
        earlier: '2025-11-02T05:30:00.000Z',
        later: '2025-11-02T06:30:00.000Z',
      },
      {
        zone: 'Europe/London',
        anchor: nth(-1, SUN),
        time: '01:30',
        day: '2025-10-26',
        earlier: '2025-10-26T00:30:00.000Z',
        later: '2025-10-26T01:30:00.000Z',
      },
      {
        zone: 'Australia/Sydney',
        anchor: nth(1, SUN),
        time: '02:30',
        day: '2025-04-06',
        earlier: '2025-04-05T15:30:00.000Z',
        later: '2025-04-05T16:30:00.000Z',
      },
    ];

    function sessionAt(t: Transition): Date {
      const dates = between(cadence({ timeZone: t.zone, anchor: t.anchor, localTime: t.time }), t.day, t.day);
      expect(dates).toHaveLength(1);
      return dates[0];
    }

    it.each(gaps)('$zone: the nonexistent $time on $day (spring forward) becomes $resolvedTo, shifted by the gap', (t) => {
      const d = sessionAt(t);
      expect(local([d], t.zone)).toEqual([`${t.day} ${t.resolvedTo}`]);
      expect(d.toISOString()).toBe(t.instant);
    });

    it('leaves the same local time on the other days of the series alone', () => {
      const c = cadence({ timeZone: 'America/New_York', anchor: nth(2, SUN), localTime: '02:30' });
      const dates = between(c, '2025-02-01', '2025-04-30');
      expect(local(dates, 'America/New_York')).toEqual(['2025-02-09 02:30', '2025-03-09 03:30', '2025-04-13 02:30']);
      expect(utc(dates)).toEqual(['2025-02-09T07:30:00.000Z', '2025-03-09T07:30:00.000Z', '2025-04-13T06:30:00.000Z']);
    });

    it.each(overlaps)('$zone: the ambiguous $time on $day (fall back) takes the earlier instant, $earlier', (t) => {
      const d = sessionAt(t);
      expect(local([d], t.zone)).toEqual([`${t.day} ${t.time}`]);
      expect(d.toISOString()).toBe(t.earlier);
      // The later instant shows the same wall time, so the time really is ambiguous.
      expect(local([new Date(t.later)], t.zone)).toEqual([`${t.day} ${t.time}`]);
    });

    // Luxon on its own resolves an ambiguous time with the offset in force
    // "now"; the result must not depend on the machine's clock.
    it.each(['2025-01-15T12:00:00Z', '2025-07-15T12:00:00Z'])('gives the same instants when the clock reads %s', (now) => {
      Settings.now = () => Date.parse(now);
      expect(gaps.map((t) => sessionAt(t).toISOString())).toEqual(gaps.map((t) => t.instant));
      expect(overlaps.map((t) => sessionAt(t).toISOString())).toEqual(overlaps.map((t) => t.earlier));
    });
  });

  describe('limits', () => {
    const base: ExpandOptions = { startDate: '2025-01-01', from: new Date('2025-01-01T00:00:00Z') };
    const monthly = cadence();

    it('defaults to a 12-month horizon', () => {
      expect(local(expandCadence(monthly, base), 'UTC')).toEqual([
        '2025-01-15 09:00',
        '2025-02-15 09:00',
        '2025-03-15 09:00',
        '2025-04-15 09:00',
        '2025-05-15 09:00',
        '2025-06-15 09:00',
        '2025-07-15 09:00',
        '2025-08-15 09:00',
        '2025-09-15 09:00',
        '2025-10-15 09:00',
        '2025-11-15 09:00',
        '2025-12-15 09:00',
      ]);
    });

    it('skips occurrences before `from` and keeps one exactly at `from`', () => {
      expect(utc(expandCadence(monthly, { ...base, from: new Date('2025-03-15T09:00:01Z'), horizonMonths: 2 }))).toEqual([
        '2025-04-15T09:00:00.000Z',
        '2025-05-15T09:00:00.000Z',
      ]);
      expect(utc(expandCadence(monthly, { ...base, from: new Date('2025-03-15T09:00:00Z'), horizonMonths: 2 }))).toEqual([
        '2025-03-15T09:00:00.000Z',
        '2025-04-15T09:00:00.000Z',
        '2025-05-15T09:00:00.000Z',
      ]);
    });

    it('includes an occurrence exactly at the horizon and nothing after it', () => {
      const from = new Date('2025-03-15T09:00:00Z');
      expect(expandCadence(monthly, { ...base, from, horizonMonths: 3 })).toHaveLength(4);
      expect(expandCadence(monthly, { ...base, from: new Date(from.getTime() + 1), horizonMonths: 3 })).toHaveLength(3);
      expect(utc(expandCadence(monthly, { ...base, from, horizonMonths: 0 }))).toEqual(['2025-03-15T09:00:00.000Z']);
    });

    it('measures the horizon in months of the cadence zone', () => {
      // `from` is Jan 30 22:00 in New York but Jan 31 03:00Z. One month later is Feb 28 22:00 local
      // (Mar 1 03:00Z), so Feb 28 09:00 local is within; counted in UTC it would be Feb 28 03:00Z, before it.
      const c = cadence({ anchor: day(28), timeZone: 'America/New_York' });
      const dates = expandCadence(c, { startDate: '2025-01-01', from: new Date('2025-01-31T03:00:00Z'), horizonMonths: 1 });
      expect(local(dates, 'America/New_York')).toEqual(['2025-02-28 09:00']);
    });

    it('treats endDate as an inclusive local date, whatever the UTC date', () => {
      // 09:00 in Sydney on the 15th is 22:00Z on the 14th.
      const sydney = cadence({ timeZone: 'Australia/Sydney' });
      const options = { ...base, from: new Date('2024-12-31T00:00:00Z') };
      expect(local(expandCadence(sydney, { ...options, endDate: '2025-03-15' }), 'Australia/Sydney').at(-1)).toBe('2025-03-15 09:00');
      expect(local(expandCadence(sydney, { ...options, endDate: '2025-03-14' }), 'Australia/Sydney').at(-1)).toBe('2025-02-15 09:00');

      // 21:00 in New York on the 15th is 01:00Z on the 16th.
      const newYork = cadence({ timeZone: 'America/New_York', localTime: '21:00' });
      expect(utc(expandCadence(newYork, { ...base, endDate: '2025-03-15' })).at(-1)).toBe('2025-03-16T01:00:00.000Z');
    });

    it('returns nothing when endDate is before the first occurrence', () => {
      expect(expandCadence(monthly, { ...base, endDate: '2025-01-14' })).toEqual([]);
      expect(expandCadence(monthly, { ...base, startDate: '2025-06-01', endDate: '2025-05-31' })).toEqual([]);
    });

    it('returns at most maxCount occurrences, counting only returned ones', () => {
      expect(local(expandCadence(monthly, { ...base, maxCount: 3 }), 'UTC')).toEqual([
        '2025-01-15 09:00',
        '2025-02-15 09:00',
        '2025-03-15 09:00',
      ]);
      const later = { ...base, from: new Date('2025-06-01T00:00:00Z'), maxCount: 2 };
      expect(local(expandCadence(monthly, later), 'UTC')).toEqual(['2025-06-15 09:00', '2025-07-15 09:00']);
      expect(expandCadence(monthly, { ...base, maxCount: 0 })).toEqual([]);
      expect(expandCadence(monthly, { ...base, maxCount: 100 })).toHaveLength(12);
    });

    it('treats null endDate and maxCount as "no limit"', () => {
      expect(expandCadence(monthly, { ...base, endDate: null, maxCount: null, horizonMonths: 24 })).toHaveLength(24);
    });
  });

  describe('invalid input', () => {
    const ok: ExpandOptions = { startDate: '2025-01-01', from: new Date('2025-01-01T00:00:00Z') };

    it('throws a RangeError listing the problems of an invalid cadence', () => {
      expect(() => expandCadence(cadence({ timeZone: 'Mars/Base', localTime: '25:00' }), ok)).toThrow(
        new RangeError(
          'Invalid cadence: localTime must be HH:mm, 00:00 to 23:59 (got "25:00"); timeZone "Mars/Base" is not a known IANA zone',
        ),
      );
    });

    it.each(['2025-02-30', '2025-2-01', '15/01/2025', '2025-01', ''])('rejects startDate %p', (startDate) => {
      expect(() => expandCadence(cadence(), { ...ok, startDate })).toThrow(RangeError);
    });

    it('rejects an invalid endDate, from, horizonMonths or maxCount', () => {
      expect(() => expandCadence(cadence(), { ...ok, endDate: '2025-13-01' })).toThrow(/endDate/);
      expect(() => expandCadence(cadence(), { ...ok, from: new Date('nope') })).toThrow(/from/);
      expect(() => expandCadence(cadence(), { ...ok, horizonMonths: -1 })).toThrow(/horizonMonths/);
      expect(() => expandCadence(cadence(), { ...ok, horizonMonths: 1.5 })).toThrow(/horizonMonths/);
      expect(() => expandCadence(cadence(), { ...ok, maxCount: -1 })).toThrow(/maxCount/);
    });
  });
});

describe('replanSessions', () => {
  // New cadence: the 15th at 09:00 UTC. From March 1st with a 6-month horizon: Mar 15 … Aug 15.
  const next = cadence();
  const options: ExpandOptions = { startDate: '2025-01-01', from: new Date('2025-03-01T00:00:00Z'), horizonMonths: 6 };
  const NEW_PLAN = [
    '2025-03-15T09:00:00.000Z',
    '2025-04-15T09:00:00.000Z',
    '2025-05-15T09:00:00.000Z',
    '2025-06-15T09:00:00.000Z',
    '2025-07-15T09:00:00.000Z',
    '2025-08-15T09:00:00.000Z',
  ];

  function session(
    id: string,
    startsAt: string,
    status: PlannedSession['status'] = 'SCHEDULED',
    keepReason: KeepReason | null = null,
  ): PlannedSession {
    return { id, startsAt: new Date(startsAt), status, keepReason };
  }

  it('never touches past sessions or sessions that are not SCHEDULED', () => {
    const existing = [
      session('past-completed', '2025-02-10T09:00:00Z', 'COMPLETED'),
      session('past-scheduled', '2025-02-20T09:00:00Z'),
      session('past-no-show', '2025-01-10T09:00:00Z', 'NO_SHOW'),
      session('past-moved', '2025-02-25T09:00:00Z', 'SCHEDULED', 'MOVED_BY_HAND'),
      session('future-cancelled', '2025-03-10T09:00:00Z', 'CANCELLED'),
      session('future-completed', '2025-03-20T09:00:00Z', 'COMPLETED'),
      session('future-cancelled-on-new-slot', '2025-04-15T09:00:00Z', 'CANCELLED'),
    ];
    const plan = replanSessions(existing, next, options);
    expect(plan.keep).toEqual(existing.map((s) => s.id));
    expect(plan.cancel).toEqual([]);
    expect(utc(plan.create)).toEqual(NEW_PLAN);
  });

  it('cancels future SCHEDULED sessions of the old cadence and creates the new ones', () => {
    const existing = [
      session('mar-10', '2025-03-10T09:00:00Z'),
      session('apr-10', '2025-04-10T09:00:00Z'),
      session('may-10', '2025-05-10T09:00:00Z'),
    ];
    expect(replanSessions(existing, next, options)).toEqual({
      keep: [],
      cancel: ['mar-10', 'apr-10', 'may-10'],
      create: NEW_PLAN.map((s) => new Date(s)),
      kept: [],
    });
  });

  it('treats a session exactly at `from` as future', () => {
    const plan = replanSessions([session('at-from', '2025-03-01T00:00:00Z')], next, options);
    expect(plan.cancel).toEqual(['at-from']);
  });

  it('keeps a future SCHEDULED session that is exactly at a new occurrence, and does not create it again', () => {
    const existing = [
      session('mar-15', '2025-03-15T09:00:00Z'),
      session('apr-15', '2025-04-15T09:00:00Z'),
      session('may-15-one-minute-late', '2025-05-15T09:01:00Z'),
    ];
    const plan = replanSessions(existing, next, options);
    expect(plan.keep).toEqual(['mar-15', 'apr-15']);
    expect(plan.cancel).toEqual(['may-15-one-minute-late']);
    expect(utc(plan.create)).toEqual(NEW_PLAN.slice(2));
  });

  it('keeps only one of two sessions at the same new occurrence', () => {
    const plan = replanSessions([session('a', '2025-04-15T09:00:00Z'), session('b', '2025-04-15T09:00:00Z')], next, options);
    expect(plan.keep).toEqual(['a']);
    expect(plan.cancel).toEqual(['b']);
    expect(plan.create).toHaveLength(5);
  });

  it.each<KeepReason>(['MOVED_BY_HAND', 'AD_HOC', 'HAS_CONTENT'])(
    'never cancels a protected future session (%s) and reports it as kept',
    (reason) => {
      const plan = replanSessions(
        [session('mine', '2025-03-17T14:00:00Z', 'SCHEDULED', reason), session('plain', '2025-03-10T09:00:00Z')],
        next,
        options,
      );
      expect(plan.keep).toEqual(['mine']);
      expect(plan.cancel).toEqual(['plain']);
      expect(plan.kept).toEqual([{ id: 'mine', reason }]);
      // Moved by hand or holding content, it is still March's session: no second one on the 15th. Ad hoc is an extra.
      expect(utc(plan.create)).toEqual(reason === 'AD_HOC' ? NEW_PLAN : NEW_PLAN.slice(1));
    },
  );

  it('lets a moved session stand only for an occurrence within half a period of it', () => {
    // March 31 is 16 days from the 15th of March and 15 days from the 15th of April: April's.
    const late = replanSessions([session('moved', '2025-03-31T09:00:00Z', 'SCHEDULED', 'MOVED_BY_HAND')], next, options);
    expect(utc(late.create)).toEqual(NEW_PLAN.filter((at) => !at.startsWith('2025-04')));
    // Quarterly (Apr 15, Jul 15 within the horizon): October 20 is more than half a quarter from both.
    const quarterly = cadence({ frequency: 'QUARTERLY' });
    const far = replanSessions([session('moved', '2025-10-20T09:00:00Z', 'SCHEDULED', 'HAS_CONTENT')], quarterly, options);
    expect(utc(far.create)).toEqual(['2025-04-15T09:00:00.000Z', '2025-07-15T09:00:00.000Z']);
    expect(far.kept).toEqual([{ id: 'moved', reason: 'HAS_CONTENT' }]);
  });

  it('lets a protected session on a new occurrence stand for it, and does not report it as kept', () => {
    const plan = replanSessions([session('moved', '2025-03-15T09:00:00Z', 'SCHEDULED', 'MOVED_BY_HAND')], next, options);
    expect(plan.keep).toEqual(['moved']);
    expect(plan.kept).toEqual([]);
    expect(utc(plan.create)).toEqual(NEW_PLAN.slice(1));
  });

  it('counts protected sessions toward maxCount, and keeps them even beyond it', () => {
    // maxCount 3, one protected session off the cadence: two new occurrences.
    const existing = [session('notes', '2025-03-20T09:00:00Z', 'SCHEDULED', 'HAS_CONTENT'), session('plain', '2025-04-15T09:00:00Z')];
    const plan = replanSessions(existing, next, { ...options, maxCount: 3 });
    // Notes (Mar 20) stands for Mar 15; plain is Apr 15; one more: May 15.
    expect(plan.keep).toEqual(['notes', 'plain']);
    expect(utc(plan.create)).toEqual(['2025-05-15T09:00:00.000Z']);
    const over = replanSessions(existing, next, { ...options, maxCount: 0 });
    expect(over.keep).toEqual(['notes']);
    expect(over.cancel).toEqual(['plain']);
    expect(over.create).toEqual([]);
  });

  it('keeps protected sessions beyond a new end date and when switching to AD_HOC', () => {
    const existing = [session('ad-hoc', '2025-07-01T09:00:00Z', 'SCHEDULED', 'AD_HOC'), session('plain', '2025-07-15T09:00:00Z')];
    const ended = replanSessions(existing, next, { ...options, endDate: '2025-05-31' });
    expect(ended.cancel).toEqual(['plain']);
    expect(ended.kept).toEqual([{ id: 'ad-hoc', reason: 'AD_HOC' }]);
    expect(replanSessions(existing, cadence({ frequency: 'AD_HOC' }), options).cancel).toEqual(['plain']);
  });

  it('limits the new future plan (kept matches + created) to maxCount', () => {
    // maxCount 3: the new plan is Mar 15, Apr 15, May 15. Apr 15 exists; Jul 15 is beyond the count.
    const existing = [session('apr-15', '2025-04-15T09:00:00Z'), session('jul-15', '2025-07-15T09:00:00Z')];
    const plan = replanSessions(existing, next, { ...options, maxCount: 3 });
    expect(plan.keep).toEqual(['apr-15']);
    expect(plan.cancel).toEqual(['jul-15']);
    expect(utc(plan.create)).toEqual(['2025-03-15T09:00:00.000Z', '2025-05-15T09:00:00.000Z']);
    expect(replanSessions([], next, { ...options, maxCount: 3 }).create).toHaveLength(3);
    expect(replanSessions([], next, { ...options, maxCount: 0 }).create).toEqual([]);
  });

  it('cancels every future SCHEDULED session when switching to AD_HOC', () => {
    const existing = [session('past', '2025-02-15T09:00:00Z', 'COMPLETED'), session('future', '2025-03-15T09:00:00Z')];
    expect(replanSessions(existing, cadence({ frequency: 'AD_HOC' }), options)).toEqual({
      keep: ['past'],
      cancel: ['future'],
      create: [],
      kept: [],
    });
  });

  it('is a no-op when re-planned with the cadence that produced the sessions, across DST', () => {
    const c = cadence({ anchor: nth(1, TUE), timeZone: 'America/New_York' });
    const o: ExpandOptions = { startDate: '2025-01-01', from: new Date('2025-01-01T00:00:00Z') };
    const existing = expandCadence(c, o).map((d, i) => ({ id: `s${i}`, startsAt: d, status: 'SCHEDULED' as const }));
    expect(existing).toHaveLength(12);
    expect(replanSessions(existing, c, o)).toEqual({ keep: existing.map((s) => s.id), cancel: [], create: [], kept: [] });
  });

  it('moves sessions when only the local time changes', () => {
    const existing = expandCadence(next, options).map((d, i) => ({ id: `s${i}`, startsAt: d, status: 'SCHEDULED' as const }));
    const plan = replanSessions(existing, cadence({ localTime: '10:00' }), options);
    expect(plan.keep).toEqual([]);
    expect(plan.cancel).toHaveLength(6);
    expect(utc(plan.create)).toEqual(NEW_PLAN.map((s) => s.replace('T09', 'T10')));
  });
});

describe('stopSessions', () => {
  const from = new Date('2025-03-01T00:00:00Z');
  const existing: PlannedSession[] = [
    { id: 'past', startsAt: new Date('2025-02-01T09:00:00Z'), status: 'SCHEDULED' },
    { id: 'plain', startsAt: new Date('2025-03-15T09:00:00Z'), status: 'SCHEDULED' },
    { id: 'notes', startsAt: new Date('2025-04-15T09:00:00Z'), status: 'SCHEDULED', keepReason: 'HAS_CONTENT' },
    { id: 'done', startsAt: new Date('2025-05-15T09:00:00Z'), status: 'COMPLETED' },
  ];

  it('a pause cancels the plain future sessions and keeps the protected ones scheduled', () => {
    expect(stopSessions(existing, from, true)).toEqual({
      keep: ['past', 'notes', 'done'],
      cancel: ['plain'],
      create: [],
      kept: [{ id: 'notes', reason: 'HAS_CONTENT' }],
    });
  });

  it('the end of an engagement cancels every future scheduled session', () => {
    expect(stopSessions(existing, from, false)).toEqual({ keep: ['past', 'done'], cancel: ['plain', 'notes'], create: [], kept: [] });
  });
});

describe('expandCadence until', () => {
  it('stops at the given instant instead of the horizon in months', () => {
    const c = cadence();
    const o: ExpandOptions = {
      startDate: '2025-01-01',
      from: new Date('2025-03-15T09:00:00.001Z'),
      until: new Date('2025-06-15T09:00:00Z'),
    };
    expect(utc(expandCadence(c, o))).toEqual(['2025-04-15T09:00:00.000Z', '2025-05-15T09:00:00.000Z', '2025-06-15T09:00:00.000Z']);
  });
});

describe('sameLocalTimeIn', () => {
  it('keeps the wall-clock time in the new zone', () => {
    // 09:00 in New York (EST, UTC-5) becomes 09:00 in London (GMT).
    expect(sameLocalTimeIn(new Date('2025-01-15T14:00:00Z'), 'America/New_York', 'Europe/London').toISOString()).toBe(
      '2025-01-15T09:00:00.000Z',
    );
    // In July both are on summer time: 09:00 EDT (13:00Z) → 09:00 BST (08:00Z).
    expect(sameLocalTimeIn(new Date('2025-07-15T13:00:00Z'), 'America/New_York', 'Europe/London').toISOString()).toBe(
      '2025-07-15T08:00:00.000Z',
    );
  });

  it('moves a time inside a spring-forward gap of the new zone forward, like the cadence does', () => {
    // 02:30 on 2025-03-09 exists in London (GMT) but not in New York: 03:30 EDT.
    expect(sameLocalTimeIn(new Date('2025-03-09T02:30:00Z'), 'Europe/London', 'America/New_York').toISOString()).toBe(
      '2025-03-09T07:30:00.000Z',
    );
  });
});

describe('expandCadence from long after the start', () => {
  it.each([
    cadence({ frequency: 'MONTHLY', anchor: day(31), localTime: '23:30', timeZone: 'America/New_York' }),
    cadence({ frequency: 'QUARTERLY', anchor: nth(-1, SUN), localTime: '02:30', timeZone: 'Europe/London' }),
    cadence({ frequency: 'SEMI_ANNUAL', anchor: nth(1, MON), localTime: '09:00', timeZone: 'Australia/Sydney' }),
  ])('gives what the full series gives after `from` (%#)', (c) => {
    const all = expandCadence(c, { startDate: '2020-01-01', from: new Date('2020-01-01T00:00:00Z'), horizonMonths: 240 });
    for (const from of ['2031-03-31T03:00:00Z', '2033-10-30T00:30:00Z', '2035-07-01T00:00:00Z']) {
      const later = expandCadence(c, { startDate: '2020-01-01', from: new Date(from), until: new Date('2038-01-01T00:00:00Z') });
      expect(utc(later)).toEqual(utc(all.filter((d) => d >= new Date(from) && d <= new Date('2038-01-01T00:00:00Z'))));
    }
  });
});
