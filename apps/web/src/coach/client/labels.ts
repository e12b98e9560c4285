import { formatCalendarDate } from '../../time/format';

/** Words for the API's enums, shared by the roster, client page and session editor. */

export const CLIENT_STATUS_LABELS = { PROSPECT: 'Prospect', ACTIVE: 'Active', PAUSED: 'Paused', ALUMNI: 'Alumni' } as const;
export type ClientStatus = keyof typeof CLIENT_STATUS_LABELS;
export const CLIENT_STATUS_BADGES: Record<ClientStatus, string> = {
  PROSPECT: 'badge',
  ACTIVE: 'badge badge-success',
  PAUSED: 'badge badge-muted',
  ALUMNI: 'badge badge-muted',
};

export const PHASE_LABELS = { DISCOVER: 'Discover', PLAN: 'Plan', ACT: 'Act' } as const;

export const ENGAGEMENT_STATUS_LABELS = {
  DRAFT: 'Draft',
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
} as const;
export const ENGAGEMENT_STATUS_BADGES: Record<keyof typeof ENGAGEMENT_STATUS_LABELS, string> = {
  DRAFT: 'badge',
  ACTIVE: 'badge badge-success',
  PAUSED: 'badge badge-warning',
  COMPLETED: 'badge badge-muted',
  CANCELLED: 'badge badge-muted',
};

export const SESSION_STATUS: Record<string, { label: string; badge: string }> = {
  SCHEDULED: { label: 'Scheduled', badge: 'badge' },
  COMPLETED: { label: 'Completed', badge: 'badge badge-success' },
  CANCELLED: { label: 'Cancelled', badge: 'badge badge-muted' },
  NO_SHOW: { label: 'No-show', badge: 'badge badge-warning' },
};

export const ACTION_ITEM_STATUS: Record<string, { label: string; badge: string }> = {
  OPEN: { label: 'Open', badge: 'badge' },
  DONE: { label: 'Done', badge: 'badge badge-success' },
  DROPPED: { label: 'Dropped', badge: 'badge badge-muted' },
};

const FREQUENCY_LABELS: Record<string, string> = {
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  SEMI_ANNUAL: 'Semi-annually',
  AD_HOC: 'Ad hoc',
};
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

function dayOfMonth(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}

/** A cadence in words, e.g. "Quarterly on the 15th, 09:00 Europe/London" or "Monthly on the first Tuesday, 18:30 America/New_York". */
export function cadenceInWords(cadence: {
  frequency: string;
  anchor: string;
  day?: number | null;
  ordinal?: number | null;
  weekday?: number | null;
  localTime: string;
  timeZone: string;
}): string {
  const frequency = FREQUENCY_LABELS[cadence.frequency] ?? cadence.frequency;
  if (cadence.frequency === 'AD_HOC') return `${frequency}, ${cadence.localTime} ${cadence.timeZone}`;
  let on = '';
  if (cadence.anchor === 'DAY_OF_MONTH' && cadence.day) on = ` on the ${dayOfMonth(cadence.day)}`;
  if (cadence.anchor === 'ORDINAL_WEEKDAY' && cadence.ordinal && cadence.weekday)
    on = ` on the ${ORDINALS[cadence.ordinal] ?? cadence.ordinal} ${WEEKDAYS[cadence.weekday - 1] ?? ''}`;
  return `${frequency}${on}, ${cadence.localTime} ${cadence.timeZone}`;
}

/** A YYYY-MM-DD date for people: "Tue 3 Mar 2026" (a date has no zone: shown as written). */
export function formatPlainDate(date: string): string {
  return formatCalendarDate(date);
}
