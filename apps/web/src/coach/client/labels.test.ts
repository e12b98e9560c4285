import { describe, expect, it } from 'vitest';
import { cadenceInWords, formatPlainDate } from './labels';

describe('cadenceInWords', () => {
  it('says how often, on which day, at what time and in which zone', () => {
    expect(cadenceInWords({ frequency: 'QUARTERLY', anchor: 'DAY_OF_MONTH', day: 15, localTime: '09:00', timeZone: 'Europe/London' })).toBe(
      'Quarterly on the 15th, 09:00 Europe/London',
    );
    expect(
      cadenceInWords({
        frequency: 'MONTHLY',
        anchor: 'ORDINAL_WEEKDAY',
        ordinal: -1,
        weekday: 5,
        localTime: '18:30',
        timeZone: 'America/New_York',
      }),
    ).toBe('Monthly on the last Friday, 18:30 America/New_York');
    expect(cadenceInWords({ frequency: 'SEMI_ANNUAL', anchor: 'DAY_OF_MONTH', day: 2, localTime: '08:00', timeZone: 'UTC' })).toBe(
      'Semi-annually on the 2nd, 08:00 UTC',
    );
    expect(cadenceInWords({ frequency: 'AD_HOC', anchor: 'DAY_OF_MONTH', day: 1, localTime: '10:00', timeZone: 'Asia/Tokyo' })).toBe(
      'Ad hoc, 10:00 Asia/Tokyo',
    );
  });

  it('shows a calendar date as written, whatever the viewer’s zone', () => {
    expect(formatPlainDate('2026-03-03')).toBe('Tue 3 Mar 2026');
  });
});
