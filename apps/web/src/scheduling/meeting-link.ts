/** The link to join a session: its own, else its engagement's standing link (as the reminders use). */
export function joinUrlOf(session: { meetingUrl?: string | null; engagement?: { meetingUrl?: string | null } | null }): string | null {
  return session.meetingUrl || session.engagement?.meetingUrl || null;
}
