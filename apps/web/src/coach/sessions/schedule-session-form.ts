import { DateTime } from 'luxon';

/** The schedule-a-session form as typed: the day and time are the client's wall clock. */
export interface ScheduleForm {
  engagementId: string;
  date: string;
  time: string;
  durationMinutes: string;
  agenda: string;
  meetingUrl: string;
}

export type ScheduleField = keyof ScheduleForm;
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant a day and time on the wall clock of `zone` mean (ISO, UTC), or null while they are incomplete. */
export function startsAtOf(form: Pick<ScheduleForm, 'date' | 'time'>, zone: string): string | null {
  if (!LOCAL_DATE.test(form.date) || !LOCAL_TIME.test(form.time)) return null;
  const local = DateTime.fromISO(`${form.date}T${form.time}`, { zone });
  return local.isValid ? local.toUTC().toISO() : null;
}

export function validateSchedule(form: ScheduleForm): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (!form.engagementId) errors.engagementId = 'Choose the engagement the session belongs to.';
  if (!form.date) errors.date = 'Choose the day.';
  else if (!LOCAL_DATE.test(form.date) || !DateTime.fromISO(form.date).isValid) errors.date = 'Enter a date like 2026-03-02.';
  if (!LOCAL_TIME.test(form.time)) errors.time = 'Enter a time like 09:30.';
  const minutes = form.durationMinutes.trim();
  if (minutes && (!/^\d+$/.test(minutes) || Number(minutes) < 5 || Number(minutes) > 600))
    errors.durationMinutes = 'Enter minutes from 5 to 600, or leave it empty.';
  return errors;
}

/** ScheduleSessionInput for a valid form: what was left empty is not sent (the engagement's length and link apply). */
export function scheduleInput(form: ScheduleForm, zone: string) {
  const agenda = form.agenda.trim();
  const meetingUrl = form.meetingUrl.trim();
  const minutes = form.durationMinutes.trim();
  return {
    engagementId: form.engagementId,
    startsAt: startsAtOf(form, zone)!,
    ...(minutes ? { durationMinutes: Number(minutes) } : {}),
    ...(agenda ? { agenda } : {}),
    ...(meetingUrl ? { meetingUrl } : {}),
  };
}

/** The form field an API error names: the start instant is the day and time. */
export function fieldOfScheduleError(field: string | undefined): ScheduleField | undefined {
  if (field === 'startsAt') return 'date';
  const known: ScheduleField[] = ['engagementId', 'durationMinutes', 'agenda', 'meetingUrl'];
  return known.find((k) => k === field);
}
