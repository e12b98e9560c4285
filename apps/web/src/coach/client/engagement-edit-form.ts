import { DateTime } from 'luxon';
import type { CadenceForm } from '../engagements/engagement-form';

export type EngagementStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'CANCELLED';
export type EngagementPhase = 'DISCOVER' | 'PLAN' | 'ACT';
export type StatusAction = 'activate' | 'resume' | 'pause' | 'complete' | 'cancel';

/** What the coach may do to an engagement in each status (as the API allows it). */
export function statusActions(status: EngagementStatus): StatusAction[] {
  switch (status) {
    case 'DRAFT':
      return ['activate', 'cancel'];
    case 'ACTIVE':
      return ['pause', 'complete', 'cancel'];
    case 'PAUSED':
      return ['resume', 'complete', 'cancel'];
    default:
      return [];
  }
}

/** A cadence can change until the engagement has ended. */
export function canChangeCadence(status: EngagementStatus): boolean {
  return status !== 'COMPLETED' && status !== 'CANCELLED';
}

export interface EditableEngagement {
  title: string;
  phase: EngagementPhase;
  startDate: string;
  endDate?: string | null;
  sessionsAllotted?: number | null;
  sessionsUsed: number;
  sessionMinutes: number;
  sponsor?: { id: string } | null;
  meetingUrl?: string | null;
}

/** The engagement as the controls read it: what the edit form shows, plus status, cadence and sponsor. */
export interface ControlledEngagement extends EditableEngagement {
  id: string;
  status: EngagementStatus;
  cadence: {
    frequency: CadenceForm['frequency'];
    anchor: string;
    day?: number | null;
    ordinal?: number | null;
    weekday?: number | null;
    localTime: string;
    timeZone: string;
  };
  sponsor?: { id: string; organisation: string; contactName?: string | null } | null;
}

export interface EngagementEditForm {
  title: string;
  phase: EngagementPhase;
  endDate: string;
  sessionsAllotted: string;
  sessionMinutes: string;
  sponsorId: string;
  meetingUrl: string;
}

export type EngagementEditField = keyof EngagementEditForm;
export type EngagementEditErrors = Partial<Record<EngagementEditField, string>>;

export function engagementEditFormOf(engagement: EditableEngagement): EngagementEditForm {
  return {
    title: engagement.title,
    phase: engagement.phase,
    endDate: engagement.endDate ?? '',
    sessionsAllotted: engagement.sessionsAllotted == null ? '' : String(engagement.sessionsAllotted),
    sessionMinutes: String(engagement.sessionMinutes),
    sponsorId: engagement.sponsor?.id ?? '',
    meetingUrl: engagement.meetingUrl ?? '',
  };
}

const WHOLE = /^\d+$/;

export function validateEngagementEdit(form: EngagementEditForm, engagement: EditableEngagement): EngagementEditErrors {
  const errors: EngagementEditErrors = {};
  if (!form.title.trim()) errors.title = 'Give the engagement a title.';
  if (form.endDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.endDate) || !DateTime.fromISO(form.endDate).isValid)
      errors.endDate = 'Enter a date like 2026-12-31.';
    else if (form.endDate < engagement.startDate) errors.endDate = 'The last day cannot be before the first.';
  }
  const allotted = form.sessionsAllotted.trim();
  if (allotted && (!WHOLE.test(allotted) || Number(allotted) < 1 || Number(allotted) > 500))
    errors.sessionsAllotted = 'Enter a number from 1 to 500, or leave it empty.';
  const minutes = form.sessionMinutes.trim();
  if (!WHOLE.test(minutes) || Number(minutes) < 5 || Number(minutes) > 600) errors.sessionMinutes = 'Enter minutes from 5 to 600.';
  return errors;
}

/** UpdateEngagementInput with only what changed: the API re-plans sessions when the end date or allotment is sent. */
export function engagementUpdateInput(form: EngagementEditForm, engagement: EditableEngagement) {
  const before = engagementEditFormOf(engagement);
  const input: {
    title?: string;
    phase?: EngagementPhase;
    endDate?: string | null;
    sessionsAllotted?: number | null;
    sessionMinutes?: number;
    sponsorId?: string | null;
    meetingUrl?: string | null;
  } = {};
  if (form.title.trim() !== before.title) input.title = form.title.trim();
  if (form.phase !== before.phase) input.phase = form.phase;
  if (form.endDate !== before.endDate) input.endDate = form.endDate || null;
  if (form.sessionsAllotted.trim() !== before.sessionsAllotted)
    input.sessionsAllotted = form.sessionsAllotted.trim() ? Number(form.sessionsAllotted) : null;
  if (form.sessionMinutes.trim() !== before.sessionMinutes) input.sessionMinutes = Number(form.sessionMinutes);
  if (form.sponsorId !== before.sponsorId) input.sponsorId = form.sponsorId || null;
  if (form.meetingUrl.trim() !== before.meetingUrl) input.meetingUrl = form.meetingUrl.trim() || null;
  return input;
}

/** The form field an API error names (extensions.field, "input." dropped). */
export function fieldOfEngagementError(field: string | undefined): EngagementEditField | undefined {
  const known: EngagementEditField[] = ['title', 'phase', 'endDate', 'sessionsAllotted', 'sessionMinutes', 'sponsorId', 'meetingUrl'];
  return known.find((k) => k === field);
}
