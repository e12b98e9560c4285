import { DateTime } from 'luxon';
import { checkInKey, planCheckIns, type TimelineSession } from './check-in-planning.js';

const session = (id: string, iso: string, status = 'SCHEDULED', version = 1): TimelineSession => ({
  id,
  version,
  startsAt: new Date(iso),
  status,
});
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');

describe('planCheckIns', () => {
  it('plans a quarterly gap at 09:00 on the midpoint date in New York across the November DST change', () => {
    // 1 Sep 14:00 EDT → 1 Dec 14:00 EST: 91 days and one hour apart; the midpoint is 17 Oct 02:30 EDT.
    const slots = planCheckIns(
      [session('a', '2026-09-01T18:00:00Z', 'COMPLETED'), session('b', '2026-12-01T19:00:00Z')],
      'America/New_York',
      new Date('2026-09-02T00:00:00Z'),
    );
    expect(slots).toHaveLength(1);
    expect(slots[0].dueDate).toBe('2026-10-17');
    expect(local(slots[0].sendAt, 'America/New_York')).toBe('2026-10-17 09:00 EDT');
    expect(slots[0].sendAt.toISOString()).toBe('2026-10-17T13:00:00.000Z');
    expect(slots[0].afterSession).toEqual({ id: 'a', version: 1 });
    expect(slots[0].nextSession).toEqual({ id: 'b', version: 1 });
  });

  it('keeps 09:00 local when the midpoint falls after a spring-forward change (London)', () => {
    // 1 Feb → 1 Jun: midpoint 2 Apr 10:30 BST, after the change to BST on 28 Mar.
    const [slot] = planCheckIns(
      [session('a', '2027-02-01T10:00:00Z'), session('b', '2027-06-01T09:00:00Z')],
      'Europe/London',
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(local(slot.sendAt, 'Europe/London')).toBe('2027-04-02 09:00 GMT+1');
    expect(slot.sendAt.toISOString()).toBe('2027-04-02T08:00:00.000Z');
  });

  it('reads the midpoint date on the client clock, not UTC', () => {
    // The midpoint is 2026-10-16T12:00Z: already the 17th in Auckland (NZDT since 27 Sep).
    const [slot] = planCheckIns(
      [session('a', '2026-09-01T00:00:00Z'), session('b', '2026-12-01T00:00:00Z')],
      'Pacific/Auckland',
      new Date('2026-09-01T00:00:00Z'),
    );
    expect(slot.dueDate).toBe('2026-10-17');
    expect(local(slot.sendAt, 'Pacific/Auckland')).toBe('2026-10-17 09:00 GMT+13');
  });

  it('plans nothing for monthly gaps of three weeks or less', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(planCheckIns([session('a', '2026-02-01T10:00:00Z'), session('b', '2026-02-22T10:00:00Z')], 'UTC', now)).toEqual([]);
    expect(planCheckIns([session('a', '2026-02-01T10:00:00Z'), session('b', '2026-02-22T10:00:01Z')], 'UTC', now)).toHaveLength(1);
  });

  it('skips cancelled sessions, so a cancellation can open a long gap', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const sessions = [
      session('a', '2026-02-01T10:00:00Z', 'COMPLETED'),
      session('x', '2026-03-01T10:00:00Z', 'CANCELLED'),
      session('b', '2026-04-01T10:00:00Z'),
    ];
    const slots = planCheckIns(sessions, 'UTC', now);
    expect(slots.map((s) => [s.afterSession.id, s.nextSession.id])).toEqual([['a', 'b']]);
  });

  it('plans nothing once the midpoint has passed, or when the later session is no longer scheduled', () => {
    const sessions = [session('a', '2026-01-01T10:00:00Z', 'COMPLETED'), session('b', '2026-04-01T10:00:00Z')];
    expect(planCheckIns(sessions, 'UTC', new Date('2026-02-20T00:00:00Z'))).toEqual([]);
    expect(planCheckIns([sessions[0], session('b', '2026-04-01T10:00:00Z', 'COMPLETED')], 'UTC', new Date('2026-01-02T00:00:00Z'))).toEqual(
      [],
    );
  });

  it('gives a moved session a new key', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    const before = planCheckIns([session('a', '2026-01-01T10:00:00Z'), session('b', '2026-04-01T10:00:00Z')], 'UTC', now)[0];
    const after = planCheckIns([session('a', '2026-01-01T10:00:00Z'), session('b', '2026-04-15T10:00:00Z', 'SCHEDULED', 2)], 'UTC', now)[0];
    expect(checkInKey('e', before)).not.toBe(checkInKey('e', after));
    expect(after.dueDate).toBe('2026-02-22');
  });
});
