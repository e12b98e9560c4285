import type { introspection } from '../../graphql/graphql-env.d.ts';

/** Kinds and statuses as the schema names them: a new enum value fails the typecheck of the maps below. */
export type NotificationKind = introspection['types']['NotificationKind']['enumValues'];
export type NotificationStatus = introspection['types']['NotificationStatus']['enumValues'];

export const KIND_NAMES: Record<NotificationKind, string> = {
  SESSION_REMINDER: 'Session reminder',
  SESSION_PREP: 'Session preparation',
  SESSION_SUMMARY: 'Session summary',
  SESSION_CANCELLED: 'Session cancelled',
  ACCOUNTABILITY_NUDGE: 'Action item nudge',
  COACH_DIGEST: 'Coach digest',
  INVITE: 'Portal invitation',
  PASSWORD_RESET: 'Password reset',
  SIGN_UP: 'Sign-up confirmation',
  ACCOUNT_EXISTS: 'Sign-up to an existing account',
  NEW_MESSAGES: 'New messages',
  MID_CYCLE_CHECK_IN: 'Mid-cycle check-in',
  CHECK_IN_NEEDS_HELP: 'Client asked for help',
};

/** Each status's name and badge; the badge's text carries the meaning, its colour only repeats it. */
const STATUS_INFO: Record<NotificationStatus, { label: string; badge: string }> = {
  SENT: { label: 'Sent', badge: 'badge-success' },
  PENDING: { label: 'Pending', badge: 'badge-muted' },
  QUEUED: { label: 'Queued', badge: '' },
  SKIPPED: { label: 'Skipped', badge: 'badge-warning' },
  CANCELLED: { label: 'Cancelled', badge: 'badge-muted' },
  FAILED: { label: 'Failed', badge: 'badge-danger' },
};

/** In the order the filter offers them: the usual first. */
export const STATUSES: { value: NotificationStatus; label: string; badge: string }[] = [
  ...(['SENT', 'PENDING', 'QUEUED', 'SKIPPED', 'CANCELLED', 'FAILED'] as const).map((value) => ({ value, ...STATUS_INFO[value] })),
];

export function kindName(kind: string): string {
  return KIND_NAMES[kind as NotificationKind] ?? kind.charAt(0) + kind.slice(1).toLowerCase().replace(/_/g, ' ');
}

export function statusInfo(status: string): { label: string; badge: string } {
  return STATUS_INFO[status as NotificationStatus] ?? { label: status.charAt(0) + status.slice(1).toLowerCase(), badge: 'badge-muted' };
}
