import ICAL from 'ical.js';
import { NotificationDispatcher, NotificationSender, PeriodicPlanner } from '#tandem/notifications';
import type { TestApi } from './test-api.js';

export interface NotificationRow {
  id: string;
  kind: string;
  status: string;
  recipient_email: string;
  send_at: Date;
  session_version: number | null;
  reason: string | null;
  attempts: number;
  message_id: string | null;
  idempotency_key: string;
}

/** The outbox rows of a client (or all), oldest planned first. */
export function outboxRows(api: TestApi, where = 'TRUE', values: unknown[] = []): Promise<NotificationRow[]> {
  return api.sql<NotificationRow>(`SELECT * FROM notification WHERE ${where} ORDER BY send_at, idempotency_key`, values);
}

/**
 * Drives the pipeline by hand in an app that runs no worker: claim what is due
 * (as the dispatcher job does), then send each claimed row (as the send job does).
 */
export async function dispatchAndSend(api: TestApi, now = new Date()): Promise<Record<string, string>> {
  await api.app.get(NotificationDispatcher).dispatch();
  const queued = await api.sql<{ id: string }>(`SELECT id FROM notification WHERE status = 'QUEUED' ORDER BY send_at`);
  const outcomes: Record<string, string> = {};
  for (const { id } of queued) {
    outcomes[id] = await api.app
      .get(NotificationSender)
      .send(id, 1, 8, now)
      .catch((error: Error) => `error: ${error.message}`);
  }
  return outcomes;
}

/** Makes planned rows due now (instead of waiting 48 hours). */
export async function makeDue(api: TestApi, where: string, values: unknown[] = []): Promise<void> {
  await api.sql(`UPDATE notification SET send_at = now() - interval '1 second' WHERE status = 'PENDING' AND ${where}`, values);
}

export function planPeriodic(api: TestApi, now = new Date()): Promise<number> {
  return api.app.get(PeriodicPlanner).plan(now);
}

export interface ParsedEvent {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  status: string | null;
  organizer: string;
  attendees: string[];
}

/** Parses an .ics body with an iCalendar parser (ical.js). */
export function parseCalendar(text: string): ParsedEvent {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const value = (name: string) => String(event.getFirstPropertyValue(name) ?? '');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: value('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
    status: event.getFirstPropertyValue('status') ? value('status') : null,
    organizer: value('organizer').replace(/^mailto:/i, ''),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, '')),
  };
}
