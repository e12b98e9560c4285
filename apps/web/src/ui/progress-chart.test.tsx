import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chartScale, chartSummary, GoalProgressChart, sortedPoints, type ChartBox } from './progress-chart';

const box: ChartBox = { width: 200, height: 120, padding: { top: 10, right: 10, bottom: 10, left: 10 } };
const points = [
  { recordedAt: '2026-03-01T09:00:00Z', value: 30 },
  { recordedAt: '2026-01-01T09:00:00Z', value: 10 },
  { recordedAt: '2026-02-01T09:00:00Z', value: 20 },
  { recordedAt: '2026-04-01T09:00:00Z', value: 30 },
];

describe('chartSummary', () => {
  it('says where the goal started, where it stands and where it is going', () => {
    expect(chartSummary({ title: 'Revenue', unit: 'k€', baseline: 10, target: 50, points })).toBe(
      'Revenue: from 10 to 30 of target 50 k€ over 4 check-ins',
    );
  });

  it('handles one check-in and none', () => {
    expect(
      chartSummary({
        title: 'Salary',
        unit: 'GBP',
        baseline: 50000,
        target: 65000,
        points: [{ recordedAt: '2026-01-01T00:00:00Z', value: 52500.5 }],
      }),
    ).toBe('Salary: from 50,000 to 52,500.5 of target 65,000 GBP over 1 check-in');
    expect(chartSummary({ title: 'Salary', unit: 'GBP', baseline: 50000, target: 65000, points: [] })).toBe(
      'Salary: baseline 50,000, target 65,000 GBP; no check-ins yet',
    );
  });
});

describe('chartScale', () => {
  it('puts the earliest point on the left, the latest on the right and larger values higher', () => {
    const scale = chartScale(10, 50, points, box);
    expect(scale.x(Date.parse('2026-01-01T09:00:00Z'))).toBe(10);
    expect(scale.x(Date.parse('2026-04-01T09:00:00Z'))).toBe(190);
    expect(scale.y(50)).toBeLessThan(scale.y(10));
    // Padded: neither the baseline nor the target sits on the frame.
    expect(scale.y(50)).toBeGreaterThan(10);
    expect(scale.y(10)).toBeLessThan(110);
    expect(scale.domain.min).toBeLessThan(10);
    expect(scale.domain.max).toBeGreaterThan(50);
  });

  it('includes points beyond the target or below the baseline', () => {
    const scale = chartScale(
      10,
      50,
      [
        { recordedAt: '2026-01-01T00:00:00Z', value: 80 },
        { recordedAt: '2026-02-01T00:00:00Z', value: -5 },
      ],
      box,
    );
    expect(scale.y(80)).toBeGreaterThanOrEqual(10);
    expect(scale.y(-5)).toBeLessThanOrEqual(110);
  });

  it('works for decreasing goals (baseline above the target)', () => {
    const scale = chartScale(90, 70, [{ recordedAt: '2026-01-01T00:00:00Z', value: 85 }], box);
    expect(scale.y(90)).toBeLessThan(scale.y(85));
    expect(scale.y(85)).toBeLessThan(scale.y(70));
    expect(scale.y(90)).toBeGreaterThan(10);
    expect(scale.y(70)).toBeLessThan(110);
  });

  it('centres a single point and has no time span without points', () => {
    const one = chartScale(0, 10, [{ recordedAt: '2026-01-01T00:00:00Z', value: 5 }], box);
    expect(one.x(Date.parse('2026-01-01T00:00:00Z'))).toBe(100);
    const none = chartScale(0, 10, [], box);
    expect(none.span).toBeNull();
    expect(Number.isFinite(none.y(0))).toBe(true);
  });

  it('does not divide by zero when every value is the same', () => {
    const scale = chartScale(5, 5, [{ recordedAt: '2026-01-01T00:00:00Z', value: 5 }], box);
    expect(scale.y(5)).toBe(60);
  });
});

describe('sortedPoints', () => {
  it('orders by time and drops values that cannot be drawn', () => {
    expect(
      sortedPoints([...points, { recordedAt: 'nonsense', value: 1 }, { recordedAt: '2026-05-01T00:00:00Z', value: Number.NaN }]).map(
        (p) => p.value,
      ),
    ).toEqual([10, 20, 30, 30]);
  });
});

describe('GoalProgressChart', () => {
  it('is an image with a summary, and a table of the points in the viewer’s zone', () => {
    render(<GoalProgressChart title="Revenue" unit="k€" baseline={10} target={50} points={points} zone="America/New_York" />);
    expect(screen.getByRole('img', { name: 'Revenue: from 10 to 30 of target 50 k€ over 4 check-ins' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Revenue check-ins' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toHaveTextContent('Thu 1 Jan 2026, 04:00 EST');
    expect(rows[1]).toHaveTextContent('10');
    expect(screen.getByText('Baseline 10 k€')).toBeInTheDocument();
    expect(screen.getByText('Target 50 k€')).toBeInTheDocument();
  });

  it('draws no line for a single point and says so when there are none', () => {
    const { container, rerender } = render(
      <GoalProgressChart title="Revenue" unit="k€" baseline={10} target={50} points={[points[0]]} zone="UTC" />,
    );
    expect(container.querySelector('path')).toBeNull();
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    rerender(<GoalProgressChart title="Revenue" unit="k€" baseline={10} target={50} points={[]} zone="UTC" />);
    expect(container.querySelectorAll('circle')).toHaveLength(0);
    expect(screen.getAllByText('No check-ins yet')).toHaveLength(2);
  });
});
