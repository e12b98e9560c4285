import { decodeKeys, encodeCursor } from './pagination.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsEmailAddress,
  IsMeetingUrl,
  IsSessionAllotment,
  IsSessionMinutes,
  IsShortText,
  isCalendarDate,
  isStorableText,
  MAX_EMAIL,
  MAX_NAME,
  parseRfc3339,
} from './validation.js';

describe('parseRfc3339', () => {
  it.each([
    ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01t09:00:00z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T10:00:00+01:00', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T04:30:00-04:30', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T09:00:00.123456Z', '2026-12-01T09:00:00.123Z'],
    ['2026-12-01T09:00:00.5Z', '2026-12-01T09:00:00.500Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2026-12-31T23:59:59-23:59', '2027-01-01T23:58:59.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s exactly', (text, instant) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(instant);
  });

  it.each([
    1234,
    null,
    'yesterday',
    '',
    '2026-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-12-01T24:00:00Z',
    '2026-12-01T10:60:00Z',
    '2026-12-01T10:00:60Z',
    '2026-12-01T10:00:00',
    '2026-12-01',
    '2026-12-01 10:00:00Z',
    '2026-12-01T10:00:00+24:00',
    '2026-12-01T10:00:00+01',
    '2026-12-01T10:00Z',
    '+002026-12-01T10:00:00Z',
    ' 2026-12-01T10:00:00Z',
  ])('refuses %p', (value) => {
    expect(parseRfc3339(value)).toBeUndefined();
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(
      ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', 20260101].some(
        isCalendarDate,
      ),
    ).toBe(false);
  });
});

describe('isStorableText', () => {
  it('refuses NUL and unpaired surrogates, keeps whole emoji', () => {
    expect(isStorableText('Ann 👋 Ünal')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('lead \ud83d')).toBe(false);
    expect(isStorableText('\udc4b trail')).toBe(false);
  });
});

describe('decodeKeys', () => {
  const refused = (values: unknown[], types: Parameters<typeof decodeKeys>[1]) => () => decodeKeys(encodeCursor(values as string[]), types);

  it('returns the keys of a cursor this list made', () => {
    expect(
      decodeKeys(encodeCursor(['2026-12-01T09:00:00.123456Z', '2027-02-28', '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', '42']), [
        'timestamptz',
        'date',
        'uuid',
        'bigint',
      ]),
    ).toEqual(['2026-12-01T09:00:00.123456Z', '2027-02-28', '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', '42']);
  });

  it.each([
    ['an impossible date', ['9999-99-99', 'x'], ['date', 'uuid']],
    ['30 February', ['2026-02-30', '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'], ['date', 'uuid']],
    ['an impossible instant', ['2026-12-01T24:00:00.000000Z'], ['timestamptz']],
    ['a non-uuid id', ['2026-12-01', 'x'], ['date', 'uuid']],
    ['a number for a key', [7], ['bigint']],
    ['a bigint PostgreSQL cannot hold', ['9223372036854775808'], ['bigint']],
    ['a NUL in a text key', ['a\u0000'], ['text']],
    ['the wrong arity', ['2026-12-01'], ['date', 'uuid']],
  ] as const)('refuses %s with BAD_USER_INPUT on after', (_name, values, types) => {
    expect(refused([...values], types)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }));
  });

  it('refuses what is not a cursor at all', () => {
    expect(() => decodeKeys('not base64 json', ['uuid'])).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
  });
});

describe('IsShortText and IsEmailAddress', () => {
  class Person {
    @IsShortText()
    name!: string;

    @IsEmailAddress()
    email!: string;
  }
  const check = (plain: object) => {
    const person = plainToInstance(Person, plain);
    return { person, failed: validateSync(person).map((error) => error.property) };
  };

  it('trims the text and normalises the address before checking them', () => {
    const { person, failed } = check({ name: '  Ada Lovelace ', email: ' Ada@Example.COM ' });
    expect(failed).toEqual([]);
    expect(person).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('refuses blank, too long and non-string text, and addresses that are not addresses', () => {
    expect(check({ name: '   ', email: 'ada@example.com' }).failed).toEqual(['name']);
    expect(check({ name: 'x'.repeat(MAX_NAME + 1), email: 'ada@example.com' }).failed).toEqual(['name']);
    expect(check({ name: 42, email: 'ada@example.com' }).failed).toEqual(['name']);
    expect(check({ name: 'Ada', email: 'ada.example.com' }).failed).toEqual(['email']);
    expect(check({ name: 'Ada', email: `${'a'.repeat(MAX_EMAIL)}@example.com` }).failed).toEqual(['email']);
  });
});

describe('IsMeetingUrl, IsSessionMinutes and IsSessionAllotment', () => {
  class Plan {
    @IsMeetingUrl()
    meetingUrl!: unknown;

    @IsSessionMinutes()
    minutes!: unknown;

    @IsSessionAllotment()
    sessions!: unknown;
  }
  const failed = (plain: object) =>
    validateSync(plainToInstance(Plan, { meetingUrl: 'https://meet.example.com/a', minutes: 60, sessions: 12, ...plain })).map(
      (error) => error.property,
    );

  it('accepts the bounds', () => {
    expect(failed({ minutes: 5, sessions: 1 })).toEqual([]);
    expect(failed({ minutes: 600, sessions: 500, meetingUrl: 'http://example.com' })).toEqual([]);
  });

  it('refuses what is past them, fractions, and links without http(s)', () => {
    expect(failed({ minutes: 4 })).toEqual(['minutes']);
    expect(failed({ minutes: 601 })).toEqual(['minutes']);
    expect(failed({ minutes: 30.5 })).toEqual(['minutes']);
    expect(failed({ sessions: 0 })).toEqual(['sessions']);
    expect(failed({ sessions: 501 })).toEqual(['sessions']);
    expect(failed({ meetingUrl: 'meet.example.com/a' })).toEqual(['meetingUrl']);
    expect(failed({ meetingUrl: 'ftp://example.com/a' })).toEqual(['meetingUrl']);
    expect(failed({ meetingUrl: `https://example.com/${'a'.repeat(2000)}` })).toEqual(['meetingUrl']);
  });
});
