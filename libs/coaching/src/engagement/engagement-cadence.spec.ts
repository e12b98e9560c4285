import { expandCadence } from '#tandem/scheduling';
import { cadenceColumns, cadenceOf } from './engagement-cadence.js';
import type { CadenceInput } from './engagement.inputs.js';

/** A cadence input as the GraphQL layer hands it over (anchor defaulted). */
const input = (fields: Partial<CadenceInput>): CadenceInput => ({ anchor: 'DAY_OF_MONTH', ...fields }) as CadenceInput;

describe('cadenceColumns', () => {
  it('takes an AD_HOC cadence with no day, ordinal, weekday or time', () => {
    expect(cadenceColumns(input({ frequency: 'AD_HOC' }), 'Europe/London')).toEqual({
      cadenceFrequency: 'AD_HOC',
      cadenceAnchorKind: 'DAY_OF_MONTH',
      cadenceDay: null,
      cadenceOrdinal: null,
      cadenceWeekday: null,
      cadenceLocalTime: '09:00',
      cadenceTimeZone: 'Europe/London',
    });
  });

  it('keeps the local time and zone of an AD_HOC cadence, and ignores an anchor given with it', () => {
    const columns = cadenceColumns(
      input({ frequency: 'AD_HOC', anchor: 'ORDINAL_WEEKDAY', ordinal: 2, localTime: '14:30', timeZone: 'Asia/Tokyo' }),
      'Europe/London',
    );
    expect(columns).toMatchObject({
      cadenceAnchorKind: 'DAY_OF_MONTH',
      cadenceDay: null,
      cadenceOrdinal: null,
      cadenceWeekday: null,
      cadenceLocalTime: '14:30',
      cadenceTimeZone: 'Asia/Tokyo',
    });
  });

  it('still asks a recurring cadence for its day and its time, naming the field', () => {
    expect(() => cadenceColumns(input({ frequency: 'MONTHLY', localTime: '09:00' }), 'UTC')).toThrow(
      expect.objectContaining({ message: 'cadence.day is required for DAY_OF_MONTH' }),
    );
    expect(() => cadenceColumns(input({ frequency: 'QUARTERLY', day: 3 }), 'UTC')).toThrow(
      expect.objectContaining({
        message: 'cadence.localTime (HH:mm) is required for a QUARTERLY cadence',
        extensions: expect.objectContaining({ field: 'cadence.localTime' }),
      }),
    );
    expect(cadenceColumns(input({ frequency: 'MONTHLY', day: 15, localTime: '09:00' }), 'UTC')).toMatchObject({
      cadenceDay: 15,
      cadenceLocalTime: '09:00',
    });
  });
});

describe('cadenceOf', () => {
  it('reads an AD_HOC engagement as a rule the scheduler accepts and plans nothing from', () => {
    const rule = cadenceOf(cadenceColumns(input({ frequency: 'AD_HOC' }), 'America/New_York'));
    expect(rule).toMatchObject({ frequency: 'AD_HOC', localTime: '09:00', timeZone: 'America/New_York' });
    expect(expandCadence(rule, { startDate: '2027-01-01', from: new Date('2027-01-01T00:00:00Z') })).toEqual([]);
  });
});
