import { hasStarted, startIsAhead, startText } from './session-times.js';

describe('session times', () => {
  const now = new Date('2027-01-04T10:00:00Z');

  it('lets a session be scheduled from 5 minutes ago on, never earlier', () => {
    expect(startIsAhead(new Date('2027-02-01T09:00:00Z'), now)).toBe(true);
    expect(startIsAhead(new Date('2027-01-04T09:55:00Z'), now)).toBe(true);
    expect(startIsAhead(new Date('2027-01-04T09:54:59Z'), now)).toBe(false);
    expect(startIsAhead(new Date('2020-03-01T09:00:00Z'), now)).toBe(false);
  });

  it('counts a session as started from its start time on', () => {
    expect(hasStarted(new Date('2027-01-04T10:00:01Z'), now)).toBe(false);
    expect(hasStarted(now, now)).toBe(true);
    expect(hasStarted(new Date('2027-01-04T09:00:00Z'), now)).toBe(true);
  });

  it("names the start in the session's zone, across daylight saving", () => {
    expect(startText(new Date('2027-01-12T09:00:00Z'), 'Europe/London')).toBe('12 January 2027 at 09:00 (Europe/London)');
    expect(startText(new Date('2027-07-12T08:00:00Z'), 'Europe/London')).toBe('12 July 2027 at 09:00 (Europe/London)');
    expect(startText(new Date('2027-01-12T14:00:00Z'), 'America/New_York')).toBe('12 January 2027 at 09:00 (America/New_York)');
    expect(startText(new Date('2027-01-12T09:00:00Z'), 'Mars/Olympus_Mons')).toBe('12 January 2027 at 09:00 (UTC)');
  });
});
