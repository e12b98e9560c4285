// Who and what a session email is about: read by the renderer and by the calendar invite it attaches.

export interface Person {
  name: string;
  email: string;
}

export interface SessionFacts {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  meetingUrl: string | null;
  agenda: string | null;
  sequence: number;
  version: number;
}
