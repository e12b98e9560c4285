import { describe, expect, it } from 'vitest';
import { calendarRange, dayOf, parseCalendarSearch, shiftRange, switchView } from './calendar-range';

const hours = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;

describe('calendarRange', () => {
  it('lays a week out from Monday midnight in the viewer zone, 167 hours across the spring-forward', () => {
    const range = calendarRange('week', '2026-03-25', 'Europe/London', new Date('2026-03-26T12:00:00Z'));
    expect(range.date).toBe('2026-03-23');
    expect(range.from).toBe('2026-03-23T00:00:00.000Z');
    // Clocks go forward on Sunday 29 March: the next Monday's midnight is 23:00 UTC.
    expect(range.to).toBe('2026-03-29T23:00:00.000Z');
    expect(hours(range.from, range.to)).toBe(167);
    expect(range.days.map((d) => d.date)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    const sunday = range.days[6];
    expect(hours(sunday.from, sunday.to)).toBe(23);
    expect(range.days.filter((d) => d.isToday).map((d) => d.date)).toEqual(['2026-03-26']);
    expect(range.label).toBe('23 – 29 Mar 2026');
  });

  it('gives the fall-back Sunday 25 hours in New York', () => {
    const range = calendarRange('week', '2026-11-01', 'America/New_York');
    expect(range.date).toBe('2026-10-26');
    expect(range.from).toBe('2026-10-26T04:00:00.000Z');
    expect(range.to).toBe('2026-11-02T05:00:00.000Z');
    const sunday = range.days.find((d) => d.date === '2026-11-01')!;
    expect(hours(sunday.from, sunday.to)).toBe(25);
    expect(range.label).toBe('26 Oct – 1 Nov 2026');
  });

  it('covers a month in whole weeks, the days around it marked outside the range', () => {
    const range = calendarRange('month', '2026-03-17', 'Europe/London');
    expect(range.date).toBe('2026-03-01');
    expect(range.label).toBe('March 2026');
    expect(range.from).toBe('2026-03-01T00:00:00.000Z');
    expect(range.to).toBe('2026-03-31T23:00:00.000Z');
    expect(range.days[0].date).toBe('2026-02-23');
    expect(range.days.at(-1)!.date).toBe('2026-04-05');
    expect(range.days.length % 7).toBe(0);
    expect(range.days.filter((d) => d.inRange)).toHaveLength(31);
  });

  it('uses the viewer zone, not UTC, for the range edges', () => {
    const range = calendarRange('month', '2026-01-01', 'Asia/Tokyo');
    expect(range.from).toBe('2025-12-31T15:00:00.000Z');
    expect(range.to).toBe('2026-01-31T15:00:00.000Z');
  });
});

describe('navigation', () => {
  it('steps by a week or a month and across years', () => {
    expect(shiftRange('week', '2026-03-23', 1)).toBe('2026-03-30');
    expect(shiftRange('week', '2026-01-05', -1)).toBe('2025-12-29');
    expect(shiftRange('month', '2026-01-01', -1)).toBe('2025-12-01');
    expect(shiftRange('month', '2026-12-01', 1)).toBe('2027-01-01');
  });

  it('switches between views keeping the date in sight', () => {
    expect(switchView('month', '2026-03-30')).toBe('2026-03-01');
    expect(switchView('week', '2026-03-01')).toBe('2026-02-23');
  });

  it('reads the view and date from the query string, defaulting to this week in the viewer zone', () => {
    const now = new Date('2026-03-01T23:30:00Z'); // already Monday 2 March in Berlin
    expect(parseCalendarSearch(new URLSearchParams(''), 'Europe/Berlin', now)).toEqual({ view: 'week', date: '2026-03-02' });
    expect(parseCalendarSearch(new URLSearchParams(''), 'Europe/London', now)).toEqual({ view: 'week', date: '2026-02-23' });
    expect(parseCalendarSearch(new URLSearchParams('view=month&date=2026-05-20'), 'Europe/London', now)).toEqual({
      view: 'month',
      date: '2026-05-01',
    });
    expect(parseCalendarSearch(new URLSearchParams('view=bogus&date=nope'), 'Europe/London', now)).toEqual({
      view: 'week',
      date: '2026-02-23',
    });
  });

  it('places a session on its day in the viewer zone', () => {
    expect(dayOf('2026-03-02T23:30:00Z', 'Europe/London')).toBe('2026-03-02');
    expect(dayOf('2026-03-02T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-03');
  });
});
