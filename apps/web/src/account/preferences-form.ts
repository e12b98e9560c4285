import type { Viewer } from '../auth/auth-context';

/** Every kind of email the API knows (NotificationKind). */
export type NotificationKind =
  | 'ACCOUNTABILITY_NUDGE'
  | 'COACH_DIGEST'
  | 'INVITE'
  | 'PASSWORD_RESET'
  | 'SIGN_UP'
  | 'ACCOUNT_EXISTS'
  | 'SESSION_CANCELLED'
  | 'SESSION_PREP'
  | 'SESSION_REMINDER'
  | 'SESSION_SUMMARY'
  | 'NEW_MESSAGES'
  | 'MID_CYCLE_CHECK_IN'
  | 'CHECK_IN_NEEDS_HELP';

export interface KindOption {
  kind: NotificationKind;
  label: string;
  description: string;
}

/** What a client receives, in the order a session brings them. */
const CLIENT_KINDS: KindOption[] = [
  {
    kind: 'SESSION_PREP',
    label: 'Session preparation',
    description: 'Before a session: your open action items and goal progress, to come prepared.',
  },
  { kind: 'SESSION_REMINDER', label: 'Session reminders', description: 'Shortly before each session, with the time and meeting link.' },
  { kind: 'SESSION_CANCELLED', label: 'Cancelled sessions', description: 'When a session is cancelled.' },
  { kind: 'SESSION_SUMMARY', label: 'Session summaries', description: 'When your coach shares the summary of a session.' },
  {
    kind: 'ACCOUNTABILITY_NUDGE',
    label: 'Action item nudges',
    description: 'A morning note when action items are due within two days or overdue, or networking follow-ups are due.',
  },
  { kind: 'NEW_MESSAGES', label: 'New messages', description: 'When your coach writes to you (at most one email per 15 minutes).' },
  {
    kind: 'MID_CYCLE_CHECK_IN',
    label: 'Mid-cycle check-ins',
    description: 'Halfway to a session more than three weeks away: one click tells your coach how it is going.',
  },
];

/** What a coach or owner receives; their own session reminders are the separate opt-in below. */
const COACH_KINDS: KindOption[] = [
  { kind: 'COACH_DIGEST', label: 'Weekly digest', description: 'On Monday: the week’s sessions and your clients’ overdue action items.' },
  { kind: 'SESSION_CANCELLED', label: 'Cancelled sessions', description: 'When one of your sessions is cancelled.' },
  { kind: 'NEW_MESSAGES', label: 'New messages', description: 'When a client writes to you (at most one email per 15 minutes).' },
  {
    kind: 'CHECK_IN_NEEDS_HELP',
    label: 'Clients asking for help',
    description: 'At once, when a client answers a mid-cycle check-in with “Need help”.',
  },
];

/** Sign-in emails (invites, password resets, sign-up confirmations) always arrive: the API refuses to turn them off. */
export const ALWAYS_SENT: readonly NotificationKind[] = ['INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS'];

export function isCoachRole(role: Viewer['role']): boolean {
  return role !== 'CLIENT';
}

export function kindOptionsFor(role: Viewer['role']): KindOption[] {
  return isCoachRole(role) ? COACH_KINDS : CLIENT_KINDS;
}

export interface StoredPreferences {
  disabledKinds: readonly NotificationKind[];
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
  unsubscribedFromAll: boolean;
  coachSessionReminders: boolean;
}

export interface PreferencesForm {
  /** Kinds switched on, among those shown to this role. */
  enabled: Record<string, boolean>;
  quietHoursStart: string;
  quietHoursEnd: string;
  unsubscribedFromAll: boolean;
  coachSessionReminders: boolean;
}

export function formFromPreferences(stored: StoredPreferences, role: Viewer['role']): PreferencesForm {
  return {
    enabled: Object.fromEntries(kindOptionsFor(role).map(({ kind }) => [kind, !stored.disabledKinds.includes(kind)])),
    quietHoursStart: stored.quietHoursStart ?? '',
    quietHoursEnd: stored.quietHoursEnd ?? '',
    unsubscribedFromAll: stored.unsubscribedFromAll,
    coachSessionReminders: stored.coachSessionReminders,
  };
}

export interface FormErrors {
  quietHoursStart?: string;
  quietHoursEnd?: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Quiet hours are both set or both empty, each a 24-hour HH:mm time, and not the same minute. */
export function validatePreferences(form: PreferencesForm): FormErrors {
  const errors: FormErrors = {};
  const start = form.quietHoursStart.trim();
  const end = form.quietHoursEnd.trim();
  if (start && !HHMM.test(start)) errors.quietHoursStart = 'Enter a time such as 21:00.';
  if (end && !HHMM.test(end)) errors.quietHoursEnd = 'Enter a time such as 07:30.';
  if (start && !end && !errors.quietHoursStart) errors.quietHoursEnd = 'Set when quiet hours end too, or clear the start.';
  if (end && !start && !errors.quietHoursEnd) errors.quietHoursStart = 'Set when quiet hours start too, or clear the end.';
  if (start && end && start === end && !errors.quietHoursStart && !errors.quietHoursEnd)
    errors.quietHoursEnd = 'Quiet hours must end at a different time than they start.';
  return errors;
}

/**
 * The mutation's input: the full disabled list (kinds this page does not show keep their stored
 * setting; sign-in links are never in it), quiet hours as a pair (null clears both).
 */
export function preferencesInput(form: PreferencesForm, stored: StoredPreferences, role: Viewer['role']) {
  const shown = new Set(kindOptionsFor(role).map((option) => option.kind));
  const kept = stored.disabledKinds.filter((kind) => !shown.has(kind) && !ALWAYS_SENT.includes(kind));
  const turnedOff = [...shown].filter((kind) => !form.enabled[kind]);
  let disabledKinds = [...new Set([...kept, ...turnedOff])];
  const coach = isCoachRole(role);
  // A coach who asks for their sessions' reminders gets them even if the kind was once turned off.
  if (coach && form.coachSessionReminders) disabledKinds = disabledKinds.filter((kind) => kind !== 'SESSION_REMINDER');
  const start = form.quietHoursStart.trim();
  const end = form.quietHoursEnd.trim();
  return {
    disabledKinds,
    quietHoursStart: start && end ? start : null,
    quietHoursEnd: start && end ? end : null,
    unsubscribedFromAll: form.unsubscribedFromAll,
    ...(coach ? { coachSessionReminders: form.coachSessionReminders } : {}),
  };
}
