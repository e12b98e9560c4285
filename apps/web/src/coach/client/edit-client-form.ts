import { parseTags, validateNewClient } from './new-client-page';
import type { ClientStatus } from './labels';

/** The client as the edit form needs it (ClientPage's query). */
export interface EditableClient {
  name: string;
  email: string;
  timeZone: string;
  status: ClientStatus;
  tags: readonly string[];
  currentRole?: string | null;
  targetRole?: string | null;
  hasLogin: boolean;
  reminderOffsetsMinutes?: readonly number[] | null;
}

/** The edit-client form as typed: every value a string, as the inputs hold them. */
export interface ClientForm {
  name: string;
  email: string;
  timeZone: string;
  status: ClientStatus;
  tags: string;
  currentRole: string;
  targetRole: string;
  reminders: string;
}

export type ClientField = keyof ClientForm;
export type ClientErrors = Partial<Record<ClientField, string>>;

const REMINDER = /^(\d+)\s*(d|h|m)$/i;
const UNIT_MINUTES: Record<string, number> = { d: 1440, h: 60, m: 1 };

/** 2880 → "2d", 120 → "2h", 90 → "90m". */
export function formatOffset(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** "2d, 2h" → [2880, 120]; null when a part cannot be read. */
export function parseOffsets(value: string): number[] | null {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const minutes: number[] = [];
  for (const part of parts) {
    const match = REMINDER.exec(part);
    if (!match) return null;
    minutes.push(Number(match[1]) * UNIT_MINUTES[match[2].toLowerCase()]);
  }
  return [...new Set(minutes)].sort((a, b) => b - a);
}

export function clientFormOf(client: EditableClient): ClientForm {
  return {
    name: client.name,
    email: client.email,
    timeZone: client.timeZone,
    status: client.status,
    tags: client.tags.join(', '),
    currentRole: client.currentRole ?? '',
    targetRole: client.targetRole ?? '',
    reminders: client.reminderOffsetsMinutes ? client.reminderOffsetsMinutes.map(formatOffset).join(', ') : '',
  };
}

/** The form's problems, keyed by field, in words for the coach; empty when it can be sent. */
export function validateClientForm(form: ClientForm): ClientErrors {
  // Name, email and time zone as when the client was added.
  const errors: ClientErrors = validateNewClient(form);
  const tags = parseTags(form.tags);
  if (tags.length > 20) errors.tags = 'Use at most 20 tags.';
  else if (tags.some((tag) => tag.length > 50)) errors.tags = 'Keep each tag under 50 characters.';
  const offsets = parseOffsets(form.reminders);
  if (offsets === null) errors.reminders = 'Enter times like 2d, 3h or 30m, separated by commas.';
  else if (offsets.length > 5) errors.reminders = 'Use at most 5 reminder times.';
  else if (offsets.some((m) => m < 10 || m > 14 * 1440)) errors.reminders = 'Each reminder must be between 10 minutes and 14 days before.';
  return errors;
}

/** UpdateClientInput with only what changed (an unchanged email is not sent: a client with a login owns it). */
export function clientUpdateInput(form: ClientForm, client: EditableClient) {
  const before = clientFormOf(client);
  const input: {
    name?: string;
    email?: string;
    timeZone?: string;
    status?: ClientStatus;
    tags?: string[];
    currentRole?: string | null;
    targetRole?: string | null;
    reminderOffsetsMinutes?: number[];
  } = {};
  if (form.name.trim() !== before.name) input.name = form.name.trim();
  if (form.email.trim() !== before.email) input.email = form.email.trim();
  if (form.timeZone !== before.timeZone) input.timeZone = form.timeZone;
  if (form.status !== before.status) input.status = form.status;
  const tags = parseTags(form.tags);
  if (tags.join('\n') !== client.tags.join('\n')) input.tags = tags;
  if (form.currentRole.trim() !== before.currentRole) input.currentRole = form.currentRole.trim() || null;
  if (form.targetRole.trim() !== before.targetRole) input.targetRole = form.targetRole.trim() || null;
  const offsets = parseOffsets(form.reminders) ?? [];
  const previous = client.reminderOffsetsMinutes ?? null;
  // Empty while the practice default applies: leave it. Otherwise an empty list means no reminders.
  if (previous === null ? offsets.length > 0 : offsets.join() !== previous.join()) input.reminderOffsetsMinutes = offsets;
  return input;
}

/** The form field an API error names: extensions.field ("input." dropped), or the email for a duplicate. */
export function fieldOfClientError(
  field: string | undefined,
  code: string | undefined,
  message: string | undefined,
): ClientField | undefined {
  if (field === 'reminderOffsetsMinutes' || field?.startsWith('reminderOffsetsMinutes.')) return 'reminders';
  const known: ClientField[] = ['name', 'email', 'timeZone', 'status', 'tags', 'currentRole', 'targetRole'];
  const named = known.find((k) => field === k || field?.startsWith(`${k}.`));
  if (named) return named;
  if (!field && code === 'CONFLICT' && /email|@/i.test(message ?? '')) return 'email';
  return undefined;
}
