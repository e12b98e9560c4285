import { isOverdue, todayIn } from './overdue.js';

describe('isOverdue', () => {
  // 2027-01-04 10:30 UTC: already the 5th in Kiritimati (UTC+14), still the 3rd in Pago Pago (UTC−11).
  const now = new Date('2027-01-04T10:30:00Z');

  it("compares the due date with today in the client's zone", () => {
    expect(todayIn('Pacific/Kiritimati', now)).toBe('2027-01-05');
    expect(todayIn('Pacific/Pago_Pago', now)).toBe('2027-01-03');
    expect(isOverdue({ status: 'OPEN', dueDate: '2027-01-04' }, 'Pacific/Kiritimati', now)).toBe(true);
    expect(isOverdue({ status: 'OPEN', dueDate: '2027-01-04' }, 'UTC', now)).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate: '2027-01-03' }, 'UTC', now)).toBe(true);
    expect(isOverdue({ status: 'OPEN', dueDate: '2027-01-03' }, 'Pacific/Pago_Pago', now)).toBe(false);
  });

  it('never counts items that are done, dropped or undated; an unknown zone falls back to UTC', () => {
    expect(isOverdue({ status: 'DONE', dueDate: '2020-01-01' }, 'UTC', now)).toBe(false);
    expect(isOverdue({ status: 'DROPPED', dueDate: '2020-01-01' }, 'UTC', now)).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate: null }, 'UTC', now)).toBe(false);
    expect(todayIn('Mars/Olympus_Mons', now)).toBe('2027-01-04');
  });
});
