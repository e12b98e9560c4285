import { DateTime } from 'luxon';
import type { Cadence, CadenceFrequency, Weekday, WeekdayOrdinal } from '../../scheduling/cadence-preview';

/** The new-engagement form as typed: every value a string, as the inputs hold them. */
export interface EngagementForm {
  title: string;
  startDate: string;
  endDate: string;
  frequency: CadenceFrequency;
  anchor: 'DAY_OF_MONTH' | 'ORDINAL_WEEKDAY';
  day: string;
  ordinal: string;
  weekday: string;
  localTime: string;
  timeZone: string;
  sessionsAllotted: string;
  sessionMinutes: string;
  sponsorId: string;
  activate: boolean;
}

/** The cadence part of the form (shared by the new-engagement page and "Change cadence"). */
export type CadenceForm = Pick<EngagementForm, 'frequency' | 'anchor' | 'day' | 'ordinal' | 'weekday' | 'localTime' | 'timeZone'>;

export type EngagementField =
  | 'title'
  | 'startDate'
  | 'endDate'
  | 'frequency'
  | 'day'
  | 'ordinal'
  | 'weekday'
  | 'localTime'
  | 'timeZone'
  | 'sessionsAllotted'
  | 'sessionMinutes'
  | 'sponsorId';
export type EngagementErrors = Partial<Record<EngagementField, string>>;

export const FREQUENCIES: { value: CadenceFrequency; label: string }[] = [
  { value: 'MONTHLY', label: 'Monthly' },
  { value: 'QUARTERLY', label: 'Quarterly' },
  { value: 'SEMI_ANNUAL', label: 'Semi-annually' },
  { value: 'AD_HOC', label: 'Ad hoc' },
];

export const ORDINALS: { value: WeekdayOrdinal; label: string }[] = [
  { value: 1, label: 'First' },
  { value: 2, label: 'Second' },
  { value: 3, label: 'Third' },
  { value: 4, label: 'Fourth' },
  { value: -1, label: 'Last' },
];

export const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 7, label: 'Sunday' },
];

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A fresh form for a client in `zone`: starting today there, monthly on today's day of the month at 09:00. */
export function initialEngagementForm(zone: string, now: Date = new Date()): EngagementForm {
  const today = DateTime.fromJSDate(now, { zone });
  return {
    title: '',
    startDate: today.toISODate() as string,
    endDate: '',
    frequency: 'MONTHLY',
    anchor: 'DAY_OF_MONTH',
    day: String(today.day),
    ordinal: '1',
    weekday: String(today.weekday),
    localTime: '09:00',
    timeZone: zone,
    sessionsAllotted: '',
    sessionMinutes: '60',
    sponsorId: '',
    activate: false,
  };
}

function integer(value: string): number | null {
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function validDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value).isValid;
}

/** The form's problems, keyed by field, in words for the coach; empty when it can be sent. */
export function validateEngagement(form: EngagementForm): EngagementErrors {
  const errors: EngagementErrors = {};
  if (!form.title.trim()) errors.title = 'Give the engagement a title.';
  if (!form.startDate) errors.startDate = 'Choose the first day.';
  else if (!validDate(form.startDate)) errors.startDate = 'Enter a date like 2026-03-02.';
  if (form.endDate) {
    if (!validDate(form.endDate)) errors.endDate = 'Enter a date like 2026-12-31.';
    else if (validDate(form.startDate) && form.endDate < form.startDate) errors.endDate = 'The last day cannot be before the first.';
  }
  Object.assign(errors, validateCadenceForm(form));
  if (form.sessionsAllotted.trim()) {
    const allotted = integer(form.sessionsAllotted);
    if (allotted === null || allotted < 1 || allotted > 500) errors.sessionsAllotted = 'Enter a number from 1 to 500, or leave it empty.';
  }
  const minutes = integer(form.sessionMinutes);
  if (minutes === null || minutes < 5 || minutes > 600) errors.sessionMinutes = 'Enter minutes from 5 to 600.';
  return errors;
}

/** The cadence fields' problems, keyed by field; empty when the cadence can be sent. */
export function validateCadenceForm(form: CadenceForm): EngagementErrors {
  const errors: EngagementErrors = {};
  if (form.frequency !== 'AD_HOC') {
    if (form.anchor === 'DAY_OF_MONTH') {
      const day = integer(form.day);
      if (day === null || day < 1 || day > 31) errors.day = 'Enter a day from 1 to 31.';
    }
    if (!LOCAL_TIME.test(form.localTime)) errors.localTime = 'Enter a time like 09:30.';
  }
  return errors;
}

/** The cadence the form describes (for the preview and the API). */
export function cadenceOf(form: CadenceForm): Cadence {
  return {
    frequency: form.frequency,
    anchor:
      form.anchor === 'DAY_OF_MONTH'
        ? { kind: 'DAY_OF_MONTH', day: integer(form.day) ?? 0 }
        : { kind: 'ORDINAL_WEEKDAY', ordinal: Number(form.ordinal) as WeekdayOrdinal, weekday: Number(form.weekday) as Weekday },
    localTime: form.localTime,
    timeZone: form.timeZone,
  };
}

/** CreateEngagementInput for a valid form. */
export function engagementInput(form: EngagementForm, clientId: string) {
  return {
    clientId,
    title: form.title.trim(),
    startDate: form.startDate,
    endDate: form.endDate || null,
    sessionsAllotted: form.sessionsAllotted.trim() ? Number(form.sessionsAllotted) : null,
    sessionMinutes: Number(form.sessionMinutes),
    sponsorId: form.sponsorId || null,
    activate: form.activate,
    cadence: cadenceInput(form),
  };
}

/** CadenceInput for valid cadence fields; an ad hoc cadence has no session day, so none is sent. */
export function cadenceInput(form: CadenceForm): {
  frequency: CadenceFrequency;
  anchor?: CadenceForm['anchor'];
  day?: number | null;
  ordinal?: number | null;
  weekday?: number | null;
  localTime: string;
  timeZone: string;
} {
  const ordinalAnchor = form.anchor === 'ORDINAL_WEEKDAY';
  const localTime = LOCAL_TIME.test(form.localTime) ? form.localTime : '09:00';
  if (form.frequency === 'AD_HOC') return { frequency: form.frequency, localTime, timeZone: form.timeZone };
  return {
    frequency: form.frequency,
    anchor: form.anchor,
    day: ordinalAnchor ? null : Number(form.day),
    ordinal: ordinalAnchor ? Number(form.ordinal) : null,
    weekday: ordinalAnchor ? Number(form.weekday) : null,
    localTime,
    timeZone: form.timeZone,
  };
}

/** The cadence fields holding an engagement's current cadence (as the API returns it). */
export function cadenceFormOf(
  cadence: {
    frequency: CadenceFrequency;
    anchor: string;
    day?: number | null;
    ordinal?: number | null;
    weekday?: number | null;
    localTime: string;
    timeZone: string;
  },
  today: { day: number; weekday: number },
): CadenceForm {
  return {
    frequency: cadence.frequency,
    anchor: cadence.anchor === 'ORDINAL_WEEKDAY' ? 'ORDINAL_WEEKDAY' : 'DAY_OF_MONTH',
    day: String(cadence.day ?? today.day),
    ordinal: String(cadence.ordinal ?? 1),
    weekday: String(cadence.weekday ?? today.weekday),
    localTime: cadence.localTime,
    timeZone: cadence.timeZone,
  };
}

/** The form field an API error names (extensions.field, "input." already dropped), e.g. "cadence.day" → "day". */
export function fieldOfServerError(field: string | undefined): EngagementField | undefined {
  if (!field) return undefined;
  const name = field.replace(/^cadence\./, '');
  const known: EngagementField[] = [
    'title',
    'startDate',
    'endDate',
    'frequency',
    'day',
    'ordinal',
    'weekday',
    'localTime',
    'timeZone',
    'sessionsAllotted',
    'sessionMinutes',
    'sponsorId',
  ];
  return known.find((k) => k === name);
}
