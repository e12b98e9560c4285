import { DateTime } from 'luxon';
import {
  digestSlot,
  endOfQuietHours,
  nudgeSlot,
  planSessionEmails,
  quietHoursTiming,
  receives,
  replannedSessionEmails,
  type PlannedSessionEmail,
} from './notification-planning.js';

const at = (iso: string) => new Date(iso);
const local = (d: Date | null, zone: string) => (d ? DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm ccc') : null);

describe('planSessionEmails', () => {
  const client = { email: 'cara@example.com', userId: null, timeZone: 'America/New_York' };
  const coach = { email: 'colin@example.com', userId: 'u-coach', timeZone: 'Europe/London' };
  const session = { id: 's1', practiceId: 'p1', clientId: 'c1', startsAt: at('2027-03-16T13:00:00Z'), version: 2 };

  it('plans a reminder per offset and the prep email 3 days before, keyed by session version', () => {
    const drafts = planSessionEmails(session, { client, coach: null }, [2880, 120], at('2027-03-01T00:00:00Z'));
    expect(drafts.map((d) => [d.kind, d.idempotencyKey, d.sendAt.toISOString()])).toEqual([
      ['SESSION_REMINDER', 'reminder:s1:v2:2880m:client', '2027-03-14T13:00:00.000Z'],
      ['SESSION_REMINDER', 'reminder:s1:v2:120m:client', '2027-03-16T11:00:00.000Z'],
      ['SESSION_PREP', 'prep:s1:v2', '2027-03-13T13:00:00.000Z'],
    ]);
  });

  it('keeps 48 h as 48 hours across the March DST change (09:00 EDT session → 08:00 EST two days before)', () => {
    const [first] = planSessionEmails(session, { client, coach: null }, [2880], at('2027-03-01T00:00:00Z'));
    expect(local(first.sendAt, 'America/New_York')).toBe('2027-03-14 09:00 Sun');
    const november = { ...session, startsAt: at('2027-11-08T14:00:00Z') }; // Mon 09:00 EST, the day after fall-back
    const [nov] = planSessionEmails(november, { client, coach: null }, [2880], at('2027-10-01T00:00:00Z'));
    expect(local(nov.sendAt, 'America/New_York')).toBe('2027-11-06 10:00 Sat');
  });

  it('adds the coach as a recipient when they opted in, in their own zone', () => {
    const drafts = planSessionEmails(session, { client, coach }, [120], at('2027-03-01T00:00:00Z'));
    expect(
      drafts.filter((d) => d.kind === 'SESSION_REMINDER').map((d) => [d.recipientEmail, d.recipientTimeZone, d.data.forCoach]),
    ).toEqual([
      ['cara@example.com', 'America/New_York', false],
      ['colin@example.com', 'Europe/London', true],
    ]);
  });

  it('sends one catch-up reminder at once for a session booked inside the reminder window, and no prep', () => {
    const now = at('2027-03-15T00:00:00Z'); // 37 h before the session
    const drafts = planSessionEmails(session, { client, coach: null }, [2880, 120], now);
    expect(drafts.map((d) => [d.idempotencyKey, d.sendAt.toISOString()])).toEqual([
      ['reminder:s1:v2:2880m:client', now.toISOString()],
      ['reminder:s1:v2:120m:client', '2027-03-16T11:00:00.000Z'],
    ]);
  });

  it('catches up only the nearest passed reminder, and none for a session about to start', () => {
    const drafts = planSessionEmails(session, { client, coach: null }, [2880, 1440, 120], at('2027-03-16T10:00:00Z')); // 3 h before
    expect(drafts.map((d) => d.idempotencyKey)).toEqual(['reminder:s1:v2:1440m:client', 'reminder:s1:v2:120m:client']);
    expect(drafts[0].sendAt.toISOString()).toBe('2027-03-16T10:00:00.000Z');
    expect(planSessionEmails(session, { client, coach: null }, [2880, 120], at('2027-03-16T12:45:00Z'))).toEqual([]);
  });

  it('sends nothing late in a re-plan (catchUp: false): only the reminders still ahead', () => {
    const now = at('2027-03-15T00:00:00Z'); // 37 h before: 2880 has passed
    const drafts = planSessionEmails(session, { client, coach: null }, [2880, 120], now, { catchUp: false });
    expect(drafts.map((d) => [d.idempotencyKey, d.sendAt.toISOString()])).toEqual([
      ['reminder:s1:v2:120m:client', '2027-03-16T11:00:00.000Z'],
    ]);
  });

  it('ignores a repeated offset', () => {
    expect(planSessionEmails(session, { client, coach: null }, [120, 120], at('2027-03-16T00:00:00Z'))).toHaveLength(1);
  });
});

describe('replannedSessionEmails', () => {
  const client = { email: 'cara@example.com', userId: null, timeZone: 'America/New_York' };
  const coach = { email: 'colin@example.com', userId: 'u-coach', timeZone: 'Europe/London' };
  const session = { id: 's1', practiceId: 'p1', clientId: 'c1', startsAt: at('2027-03-16T13:00:00Z'), version: 2 };
  const everything = { client: { all: false, disabledKinds: [] }, coach: { all: false, disabledKinds: [] } };
  const now = at('2027-03-15T00:00:00Z'); // 37 h before: the 48-hour reminder has passed
  const email = (
    id: string,
    key: string,
    status: PlannedSessionEmail['status'],
    offsetMinutes: number | null,
    forCoach = false,
  ): PlannedSessionEmail => ({
    id,
    key,
    kind: offsetMinutes === null ? 'SESSION_PREP' : 'SESSION_REMINDER',
    status,
    offsetMinutes,
    forCoach,
  });
  const planned = [
    email('prep', 'prep:s1:v2', 'SENT', null),
    email('r2880', 'reminder:s1:v2:2880m:client', 'SENT', 2880),
    email('r120', 'reminder:s1:v2:120m:client', 'PENDING', 120),
    email('r120coach', 'reminder:s1:v2:120m:coach', 'PENDING', 120, true),
  ];

  it('cancels removed times and adds new ones still ahead; the sent one is not planned again, none late', () => {
    const { plan, cancel } = replannedSessionEmails(session, { client, coach }, [2880, 1440, 60], everything, planned, now);
    expect(cancel).toEqual([
      { id: 'r120', reason: 'reminder time removed from the settings' },
      { id: 'r120coach', reason: 'reminder time removed from the settings' },
    ]);
    expect(plan.map((d) => [d.idempotencyKey, d.sendAt.toISOString()])).toEqual([
      ['reminder:s1:v2:1440m:client', '2027-03-15T13:00:00.000Z'],
      ['reminder:s1:v2:1440m:coach', '2027-03-15T13:00:00.000Z'],
      ['reminder:s1:v2:60m:client', '2027-03-16T12:00:00.000Z'],
      ['reminder:s1:v2:60m:coach', '2027-03-16T12:00:00.000Z'],
    ]);
  });

  it('cancels the coach’s copies when they no longer want them, and leaves what is already pending', () => {
    const { plan, cancel } = replannedSessionEmails(session, { client, coach: null }, [2880, 120], everything, planned, now);
    expect(cancel).toEqual([{ id: 'r120coach', reason: 'coach turned off session reminders' }]);
    expect(plan).toEqual([]);
  });

  it('plans a cancelled one again once the kind is back on, and nothing the recipient does not receive', () => {
    const withdrawn = planned.map((e) => (e.id === 'r120' ? { ...e, status: 'CANCELLED' as const } : e));
    expect(
      replannedSessionEmails(session, { client, coach: null }, [2880, 120], everything, withdrawn, now).plan.map((d) => d.idempotencyKey),
    ).toEqual(['reminder:s1:v2:120m:client']);
    const stillOff = { ...everything, client: { all: false, disabledKinds: ['SESSION_REMINDER'] } };
    expect(replannedSessionEmails(session, { client, coach: null }, [2880, 120], stillOff, withdrawn, now).plan).toEqual([]);
  });
});

describe('nudgeSlot', () => {
  it('is 08:00 local when it is still early there', () => {
    const slot = nudgeSlot(at('2027-01-10T10:00:00Z'), 'America/New_York'); // 05:00 local
    expect(local(slot.sendAt, 'America/New_York')).toBe('2027-01-10 08:00 Sun');
    expect(slot.localDate).toBe('2027-01-10');
  });

  it('is now during the local morning', () => {
    const now = at('2027-01-10T15:30:00Z'); // 10:30 local
    expect(nudgeSlot(now, 'America/New_York')).toEqual({ sendAt: now, localDate: '2027-01-10' });
  });

  it('is tomorrow 08:00 in the afternoon', () => {
    const slot = nudgeSlot(at('2027-01-10T20:00:00Z'), 'America/New_York'); // 15:00 local
    expect(local(slot.sendAt, 'America/New_York')).toBe('2027-01-11 08:00 Mon');
    expect(slot.localDate).toBe('2027-01-11');
  });

  it('names the day in the client’s zone, not UTC', () => {
    const slot = nudgeSlot(at('2027-01-10T23:30:00Z'), 'Asia/Tokyo'); // 08:30 on the 11th in Tokyo
    expect(slot.localDate).toBe('2027-01-11');
  });
});

describe('digestSlot', () => {
  it('is Monday 08:00 in the coach’s zone', () => {
    const slot = digestSlot(at('2027-01-13T12:00:00Z'), 'Australia/Sydney'); // a Wednesday
    expect(local(slot.sendAt, 'Australia/Sydney')).toBe('2027-01-18 08:00 Mon');
    expect(slot.weekStarting).toBe('2027-01-18');
  });

  it('is this Monday’s when the morning is not long past', () => {
    const now = at('2027-01-18T09:30:00Z'); // Monday 09:30 London
    expect(digestSlot(now, 'Europe/London')).toEqual({ sendAt: now, weekStarting: '2027-01-18' });
  });
});

describe('endOfQuietHours', () => {
  it('defers a time inside a window that crosses midnight to its end, on the right day', () => {
    expect(local(endOfQuietHours(at('2027-01-10T14:00:00Z'), 'Asia/Tokyo', '22:00', '07:00'), 'Asia/Tokyo')).toBe('2027-01-11 07:00 Mon'); // 23:00 JST
    expect(local(endOfQuietHours(at('2027-01-10T19:00:00Z'), 'Asia/Tokyo', '22:00', '07:00'), 'Asia/Tokyo')).toBe('2027-01-11 07:00 Mon'); // 04:00 JST
  });

  it('leaves a time outside the window alone', () => {
    expect(endOfQuietHours(at('2027-01-10T03:00:00Z'), 'Asia/Tokyo', '22:00', '07:00')).toBeNull(); // 12:00 JST
  });

  it('handles a daytime window and its end boundary', () => {
    expect(local(endOfQuietHours(at('2027-01-10T12:30:00Z'), 'Europe/London', '12:00', '13:00'), 'Europe/London')).toBe(
      '2027-01-10 13:00 Sun',
    );
    expect(endOfQuietHours(at('2027-01-10T13:00:00Z'), 'Europe/London', '12:00', '13:00')).toBeNull();
  });

  it('treats no window, an empty one or a malformed one as none', () => {
    expect(endOfQuietHours(at('2027-01-10T12:30:00Z'), 'Europe/London', null, null)).toBeNull();
    expect(endOfQuietHours(at('2027-01-10T12:30:00Z'), 'Europe/London', '09:00', '09:00')).toBeNull();
    expect(endOfQuietHours(at('2027-01-10T12:30:00Z'), 'Europe/London', '9', '10:00')).toBeNull();
  });
});

describe('quietHoursTiming', () => {
  const zone = 'Europe/London';
  it('moves a planned time inside quiet hours to their end, and leaves one outside at its planned time', () => {
    const now = at('2027-01-10T12:00:00Z');
    const inside = quietHoursTiming(at('2027-01-10T23:00:00Z'), now, zone, '22:00', '07:00');
    expect([local(inside.sendAt, zone), inside.deferred]).toEqual(['2027-01-11 07:00 Mon', true]);
    expect(quietHoursTiming(at('2027-01-10T20:00:00Z'), now, zone, '22:00', '07:00')).toEqual({
      sendAt: at('2027-01-10T20:00:00Z'),
      deferred: false,
    });
  });

  it('goes back to the planned time when quiet hours are cleared, even one already past (it goes out at once)', () => {
    const planned = at('2027-01-10T23:00:00Z');
    expect(quietHoursTiming(planned, at('2027-01-11T01:00:00Z'), zone, null, null)).toEqual({ sendAt: planned, deferred: false });
  });

  it('judges an email already due by now: due during the new quiet hours, it waits for their end', () => {
    const timing = quietHoursTiming(at('2027-01-10T21:00:00Z'), at('2027-01-10T23:30:00Z'), zone, '23:00', '07:00');
    expect([local(timing.sendAt, zone), timing.deferred]).toEqual(['2027-01-11 07:00 Mon', true]);
  });
});

describe('receives', () => {
  it('lets through what is not turned off, nothing after unsubscribing from all', () => {
    expect(receives({ all: false, disabledKinds: ['SESSION_PREP'] }, 'SESSION_REMINDER')).toBe(true);
    expect(receives({ all: false, disabledKinds: ['SESSION_PREP'] }, 'SESSION_PREP')).toBe(false);
    expect(receives({ all: true, disabledKinds: [] }, 'SESSION_REMINDER')).toBe(false);
  });
});
