import { useEffect, useRef, useState, type RefObject } from 'react';
import { formatDate, formatDateTime } from '../time/format';
import './progress-chart.css';

/** One measurement of a goal's metric. */
export interface ProgressPoint {
  recordedAt: string;
  value: number;
}

export interface GoalProgressChartProps {
  title: string;
  unit: string;
  baseline: number;
  target: number;
  /** In any order; the chart sorts them by time. */
  points: ProgressPoint[];
  /** The viewer's zone: dates in the tooltips and the table are shown in it. */
  zone: string;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** "12,500" / "3.25": short and locale-stable, for labels and the summary. */
export function formatValue(value: number): string {
  return numberFormat.format(value);
}

function withUnit(value: number, unit: string): string {
  return unit ? `${formatValue(value)} ${unit}` : formatValue(value);
}

/** The points in time order (check-ins arrive newest first), dropping any that are not finite. */
export function sortedPoints(points: ProgressPoint[]): ProgressPoint[] {
  return points
    .filter((point) => Number.isFinite(point.value) && !Number.isNaN(Date.parse(point.recordedAt)))
    .slice()
    .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
}

/** What the chart says, in one sentence, for its aria-label. */
export function chartSummary({ title, unit, baseline, target, points }: Omit<GoalProgressChartProps, 'zone'>): string {
  const ordered = sortedPoints(points);
  const goal = `${withUnit(target, unit)}`;
  if (ordered.length === 0) return `${title}: baseline ${formatValue(baseline)}, target ${goal}; no check-ins yet`;
  const latest = ordered[ordered.length - 1].value;
  const count = ordered.length === 1 ? '1 check-in' : `${ordered.length} check-ins`;
  return `${title}: from ${formatValue(baseline)} to ${formatValue(latest)} of target ${goal} over ${count}`;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space for the value labels on the left, the date labels below, and breathing room elsewhere. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartScale {
  /** Pixel x of an instant (ms since epoch). */
  x: (time: number) => number;
  /** Pixel y of a value (larger values higher up). */
  y: (value: number) => number;
  /** The value range shown, padded so nothing sits on the frame. */
  domain: { min: number; max: number };
  /** The time range shown (equal when there is at most one point). */
  span: { from: number; to: number } | null;
}

/**
 * Maps values and times to the drawing box. The value axis always includes the baseline and
 * the target (whichever is larger, so decreasing goals work too) and every point; a single
 * point or none sits in the middle of the time axis.
 */
export function chartScale(baseline: number, target: number, points: ProgressPoint[], box: ChartBox): ChartScale {
  const ordered = sortedPoints(points);
  const values = [baseline, target, ...ordered.map((point) => point.value)];
  let min = Math.min(...values);
  let max = Math.max(...values);
  const range = max - min;
  const pad = range === 0 ? Math.max(Math.abs(max) * 0.1, 1) : range * 0.12;
  min -= pad;
  max += pad;

  const left = box.padding.left;
  const right = box.width - box.padding.right;
  const top = box.padding.top;
  const bottom = box.height - box.padding.bottom;

  const times = ordered.map((point) => Date.parse(point.recordedAt));
  const span = times.length ? { from: times[0], to: times[times.length - 1] } : null;
  const x = (time: number) => {
    if (!span || span.to === span.from) return (left + right) / 2;
    return left + ((time - span.from) / (span.to - span.from)) * (right - left);
  };
  const y = (value: number) => bottom - ((value - min) / (max - min)) * (bottom - top);
  return { x, y, domain: { min, max }, span };
}

const HEIGHT = 220;
const DEFAULT_WIDTH = 480;
const PADDING = { top: 18, right: 16, bottom: 30, left: 16 };

/** Follows the width of its container so labels keep their size on a phone. */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.round(entries[0]?.contentRect.width ?? 0);
      if (measured > 0) setWidth(Math.max(240, measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A goal's progress over time from its check-ins: a line from point to point between labelled
 * baseline and target lines. Screen readers get a one-sentence summary and a table of the points.
 */
export function GoalProgressChart({ title, unit, baseline, target, points, zone }: GoalProgressChartProps) {
  const [container, width] = useWidth<HTMLDivElement>();
  const ordered = sortedPoints(points);
  const box: ChartBox = { width, height: HEIGHT, padding: PADDING };
  const scale = chartScale(baseline, target, ordered, box);
  const summary = chartSummary({ title, unit, baseline, target, points: ordered });
  const left = PADDING.left;
  const right = width - PADDING.right;
  const bottom = HEIGHT - PADDING.bottom;
  const path = ordered
    .map(
      (point, index) => `${index === 0 ? 'M' : 'L'}${scale.x(Date.parse(point.recordedAt)).toFixed(1)},${scale.y(point.value).toFixed(1)}`,
    )
    .join(' ');
  // The two reference lines; the label of the lower one goes under it so they never overlap.
  const lines = [
    { key: 'baseline', label: `Baseline ${withUnit(baseline, unit)}`, value: baseline },
    { key: 'target', label: `Target ${withUnit(target, unit)}`, value: target },
  ];
  const lower = baseline <= target ? 'baseline' : 'target';

  return (
    <figure className="progress-chart">
      <div className="progress-chart-frame" ref={container}>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          width="100%"
          height={HEIGHT}
          preserveAspectRatio="xMidYMid meet"
        >
          <line className="progress-chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
          {lines.map((line) => {
            const y = scale.y(line.value);
            return (
              <g key={line.key} className={`progress-chart-${line.key}`}>
                <line x1={left} x2={right} y1={y} y2={y} />
                <text x={right} y={line.key === lower ? y + 14 : y - 6} textAnchor="end">
                  {line.label}
                </text>
              </g>
            );
          })}
          {ordered.length > 1 ? <path className="progress-chart-line" d={path} /> : null}
          {ordered.map((point, index) => (
            <circle
              key={index}
              className="progress-chart-point"
              cx={scale.x(Date.parse(point.recordedAt))}
              cy={scale.y(point.value)}
              r={4.5}
            >
              <title>{`${formatDateTime(point.recordedAt, zone)}: ${withUnit(point.value, unit)}`}</title>
            </circle>
          ))}
          {scale.span ? (
            scale.span.from === scale.span.to ? (
              <text className="progress-chart-date" x={(left + right) / 2} y={HEIGHT - 8} textAnchor="middle">
                {formatDate(ordered[0].recordedAt, zone)}
              </text>
            ) : (
              <>
                <text className="progress-chart-date" x={left} y={HEIGHT - 8} textAnchor="start">
                  {formatDate(ordered[0].recordedAt, zone)}
                </text>
                <text className="progress-chart-date" x={right} y={HEIGHT - 8} textAnchor="end">
                  {formatDate(ordered[ordered.length - 1].recordedAt, zone)}
                </text>
              </>
            )
          ) : (
            <text className="progress-chart-date" x={(left + right) / 2} y={HEIGHT - 8} textAnchor="middle">
              No check-ins yet
            </text>
          )}
        </svg>
      </div>
      <div className="visually-hidden">
        <table>
          <caption>{`${title} check-ins`}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">{unit ? `Value (${unit})` : 'Value'}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.length === 0 ? (
              <tr>
                <td colSpan={2}>No check-ins yet</td>
              </tr>
            ) : (
              ordered.map((point, index) => (
                <tr key={index}>
                  <td>{formatDateTime(point.recordedAt, zone)}</td>
                  <td>{formatValue(point.value)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
