import { DateTime } from 'luxon';

export type CalendarView = 'week' | 'month';

export interface CalendarDay {
  /** 'YYYY-MM-DD' in the viewer's zone. */
  date: string;
  /** Midnight that starts the day (ISO, UTC) and the next day's midnight: 23 or 25 hours apart on a DST change. */
  from: string;
  to: string;
  /** False for the days before and after the month that fill a month grid's first and last week. */
  inRange: boolean;
  isToday: boolean;
}

export interface CalendarRange {
  view: CalendarView;
  /** The range's first day, 'YYYY-MM-DD' (a Monday for a week, the 1st for a month). */
  date: string;
  /** Start and end instants of the range (ISO, UTC; `to` exclusive), midnights in the viewer's zone. */
  from: string;
  to: string;
  /** "2 – 8 Mar 2026" or "March 2026". */
  label: string;
  /** Whole weeks, Monday first: one for a week, 4–6 for a month (padded with days of the months around it). */
  days: CalendarDay[];
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The view and first day the URL's query string asks for; defaults to this week in the viewer's zone. */
export function parseCalendarSearch(search: URLSearchParams, zone: string, now: Date = new Date()): { view: CalendarView; date: string } {
  const view: CalendarView = search.get('view') === 'month' ? 'month' : 'week';
  const raw = search.get('date');
  const parsed = raw && LOCAL_DATE.test(raw) ? DateTime.fromISO(raw, { zone }) : null;
  const day = parsed?.isValid ? parsed : DateTime.fromJSDate(now, { zone });
  return { view, date: rangeStart(view, day).toISODate() as string };
}

function rangeStart(view: CalendarView, day: DateTime): DateTime {
  return view === 'week' ? day.startOf('week') : day.startOf('month');
}

/** The days and instants a week or month covers, laid out in `zone` (the viewer's). */
export function calendarRange(view: CalendarView, date: string, zone: string, now: Date = new Date()): CalendarRange {
  const start = rangeStart(view, DateTime.fromISO(date, { zone }));
  const end = start.plus(view === 'week' ? { weeks: 1 } : { months: 1 });
  const today = DateTime.fromJSDate(now, { zone }).toISODate();
  const gridStart = start.startOf('week');
  const gridEnd = end.minus({ days: 1 }).startOf('week').plus({ weeks: 1 });
  const days: CalendarDay[] = [];
  for (let day = gridStart; day < gridEnd; day = day.plus({ days: 1 })) {
    days.push({
      date: day.toISODate() as string,
      from: day.toUTC().toISO() as string,
      to: day.plus({ days: 1 }).toUTC().toISO() as string,
      inRange: day >= start && day < end,
      isToday: day.toISODate() === today,
    });
  }
  return {
    view,
    date: start.toISODate() as string,
    from: start.toUTC().toISO() as string,
    to: end.toUTC().toISO() as string,
    label: view === 'month' ? start.toFormat('LLLL yyyy') : weekLabel(start, end.minus({ days: 1 })),
    days,
  };
}

function weekLabel(first: DateTime, last: DateTime): string {
  if (first.year !== last.year) return `${first.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
  if (first.month !== last.month) return `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${first.toFormat('d')} – ${last.toFormat('d LLL yyyy')}`;
}

/** The first day of the previous (-1) or next (+1) week or month. */
export function shiftRange(view: CalendarView, date: string, step: -1 | 1): string {
  const start = rangeStart(view, DateTime.fromISO(date, { zone: 'utc' }));
  const shifted = view === 'week' ? start.plus({ weeks: step }) : start.plus({ months: step });
  return shifted.toISODate() as string;
}

/** The first day of the range of the other view that holds `date` (its week's Monday, or its month's 1st). */
export function switchView(view: CalendarView, date: string): string {
  return rangeStart(view, DateTime.fromISO(date, { zone: 'utc' })).toISODate() as string;
}

/** The viewer-zone date ('YYYY-MM-DD') of an instant, to place a session on its day. */
export function dayOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toISODate() as string;
}
