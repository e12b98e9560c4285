import { reminderLeadMinutes } from './notification-content.js';

describe('reminderLeadMinutes', () => {
  const startsAt = new Date('2027-01-05T14:00:00Z');
  const before = (minutes: number, seconds = 0) => new Date(startsAt.getTime() - minutes * 60_000 - seconds * 1000);

  it('says the planned offset when the reminder goes out on time, give or take a few minutes', () => {
    expect(reminderLeadMinutes(startsAt, before(2880), 2880)).toBe(2880);
    expect(reminderLeadMinutes(startsAt, before(2877, 30), 2880)).toBe(2880);
    expect(reminderLeadMinutes(startsAt, before(120), 120)).toBe(120);
  });

  it('says the time actually left when the reminder goes out late (a catch-up, quiet hours)', () => {
    // A session booked 31 minutes ahead gets the 2-hour reminder at once.
    expect(reminderLeadMinutes(startsAt, before(31), 120)).toBe(31);
    expect(reminderLeadMinutes(startsAt, before(31, 20), 120)).toBe(31);
    expect(reminderLeadMinutes(startsAt, before(2700), 2880)).toBe(2700);
    expect(reminderLeadMinutes(startsAt, before(0, 10), 120)).toBe(1);
  });

  it('says the time left when the planned offset is unknown', () => {
    expect(reminderLeadMinutes(startsAt, before(47), Number(undefined))).toBe(47);
  });
});
