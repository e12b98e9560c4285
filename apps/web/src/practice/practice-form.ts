import { formatOffset, parseOffsets } from '../coach/client/edit-client-form';

/** The practice as the settings form needs it (PracticeSettings' query). */
export interface PracticeSettings {
  name: string;
  timeZone: string;
  reminderOffsetsMinutes: readonly number[];
}

/** The settings form as typed: every value a string, as the inputs hold them. */
export interface PracticeForm {
  name: string;
  timeZone: string;
  reminders: string;
}

export type PracticeField = keyof PracticeForm;
export type PracticeErrors = Partial<Record<PracticeField, string>>;

export function practiceFormOf(practice: PracticeSettings): PracticeForm {
  return { name: practice.name, timeZone: practice.timeZone, reminders: practice.reminderOffsetsMinutes.map(formatOffset).join(', ') };
}

/** The form's problems, keyed by field, in words for the owner; empty when it can be sent. */
export function validatePracticeForm(form: PracticeForm): PracticeErrors {
  const errors: PracticeErrors = {};
  if (!form.name.trim()) errors.name = 'Enter the practice’s name.';
  else if (form.name.trim().length > 200) errors.name = 'Keep the name under 200 characters.';
  if (!form.timeZone) errors.timeZone = 'Choose the practice’s time zone.';
  const offsets = parseOffsets(form.reminders);
  if (offsets === null) errors.reminders = 'Enter times like 2d, 3h or 30m, separated by commas.';
  else if (offsets.length === 0) errors.reminders = 'Enter at least one reminder time, like 2d.';
  else if (offsets.length > 5) errors.reminders = 'Use at most 5 reminder times.';
  else if (offsets.some((m) => m < 10 || m > 14 * 1440)) errors.reminders = 'Each reminder must be between 10 minutes and 14 days before.';
  return errors;
}

/** UpdatePracticeInput with only what changed; empty when nothing did. */
export function practiceUpdateInput(form: PracticeForm, practice: PracticeSettings) {
  const input: { name?: string; timeZone?: string; reminderOffsetsMinutes?: number[] } = {};
  if (form.name.trim() !== practice.name) input.name = form.name.trim();
  if (form.timeZone !== practice.timeZone) input.timeZone = form.timeZone;
  const offsets = parseOffsets(form.reminders);
  if (offsets && offsets.join() !== practice.reminderOffsetsMinutes.join()) input.reminderOffsetsMinutes = offsets;
  return input;
}

/** The form field an API error names (errorField's value, e.g. "reminderOffsetsMinutes.0" → reminders). */
export function fieldOfPracticeError(field: string | undefined): PracticeField | undefined {
  if (!field) return undefined;
  if (field === 'reminderOffsetsMinutes' || field.startsWith('reminderOffsetsMinutes.')) return 'reminders';
  if (field === 'name' || field === 'timeZone') return field;
  return undefined;
}

/** "Reminders go out 2 days and 2 hours before each session." from [2880, 120]. */
export function describeOffsets(minutes: readonly number[]): string {
  const words = minutes.map((m) => {
    if (m % 1440 === 0) return plural(m / 1440, 'day');
    if (m % 60 === 0) return plural(m / 60, 'hour');
    return plural(m, 'minute');
  });
  if (words.length === 0) return 'No reminders go out.';
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `Reminders go out ${list} before each session.`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

// ---- Inviting a coach ----

export interface InviteForm {
  name: string;
  email: string;
  timeZone: string;
}
export type InviteErrors = Partial<Record<keyof InviteForm, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateInviteForm(form: InviteForm): InviteErrors {
  const errors: InviteErrors = {};
  if (!form.name.trim()) errors.name = 'Enter the coach’s name.';
  if (!form.email.trim()) errors.email = 'Enter the coach’s email address.';
  else if (!EMAIL.test(form.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (!form.timeZone) errors.timeZone = 'Choose the coach’s time zone.';
  return errors;
}

/** InviteCoachInput from the form (trimmed). */
export function inviteCoachInput(form: InviteForm) {
  return { name: form.name.trim(), email: form.email.trim(), timeZone: form.timeZone };
}

/** The invite form field an API error names, or the email for a duplicate address. */
export function fieldOfInviteError(
  field: string | undefined,
  code: string | undefined,
  message: string | undefined,
): keyof InviteForm | undefined {
  if (field === 'name' || field === 'email' || field === 'timeZone') return field;
  if (!field && code === 'CONFLICT' && /email|@/i.test(message ?? '')) return 'email';
  return undefined;
}
