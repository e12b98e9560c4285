import { describe, expect, it } from 'vitest';
import { formatDueDate, isDueSoon, orderForAttention } from './action-items';
import { anActionItem } from './test-data';

describe('orderForAttention', () => {
  it('puts overdue items first, then dated by due date, then undated, then finished ones', () => {
    const items = [
      anActionItem({ id: 'undated', dueDate: null }),
      anActionItem({ id: 'done', status: 'DONE', dueDate: '2026-01-01' }),
      anActionItem({ id: 'later', dueDate: '2026-04-01' }),
      anActionItem({ id: 'overdue-recent', dueDate: '2026-02-20', isOverdue: true }),
      anActionItem({ id: 'sooner', dueDate: '2026-03-05' }),
      anActionItem({ id: 'overdue-old', dueDate: '2026-01-10', isOverdue: true }),
      anActionItem({ id: 'dropped', status: 'DROPPED' }),
    ];
    expect(orderForAttention(items).map((i) => i.id)).toEqual([
      'overdue-old',
      'overdue-recent',
      'sooner',
      'later',
      'undated',
      'done',
      'dropped',
    ]);
  });

  it('keeps the incoming order for ties and does not change its input', () => {
    const items = [anActionItem({ id: 'a' }), anActionItem({ id: 'b' }), anActionItem({ id: 'c', dueDate: '2026-03-01' })];
    expect(orderForAttention(items).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('due dates', () => {
  it('formats a calendar date without shifting it through a zone', () => {
    expect(formatDueDate('2026-03-03')).toBe('Tue 3 Mar 2026');
  });

  it('is due soon within the next seven days of the viewer’s calendar', () => {
    const now = new Date('2026-03-03T02:00:00Z'); // still 2 March in New York
    expect(isDueSoon('2026-03-02', 'America/New_York', now)).toBe(true);
    expect(isDueSoon('2026-03-02', 'Europe/London', now)).toBe(false);
    expect(isDueSoon('2026-03-10', 'Europe/London', now)).toBe(true);
    expect(isDueSoon('2026-03-11', 'Europe/London', now)).toBe(false);
  });
});
