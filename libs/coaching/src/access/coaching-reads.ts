/**
 * What the rest of Tandem may read of the coaching domain, as plain data: the
 * notifications module re-reads through it what an email says at send time. The
 * coaching domain owns the port and its statements (CoachingReadStatements), so a
 * renamed table or column fails in one place, and the rules (goal progress,
 * overdue) are coaching's own. The read-side twin of CoachingEvents.
 */
export abstract class CoachingReads {
  /** The session with its people and practice; `withOpenItems` adds its client's open items (as openItems()). */
  abstract session(sessionId: string, options?: { withOpenItems?: boolean }): Promise<SessionDetails | null>;
  /** These sessions (those that exist, in no particular order), as session() reads each, in one statement. */
  abstract sessions(sessionIds: readonly string[], options?: { withOpenItems?: boolean }): Promise<SessionDetails[]>;
  /** The engagement's goals, oldest first, with their progress (goalProgress) at their latest check-in. */
  abstract goals(engagementId: string): Promise<GoalDetails[]>;
  /** The open action items given in one session, by due date (undated last). */
  abstract openItemsOfSession(sessionId: string): Promise<OpenItem[]>;
  /** A client's open action items, by due date (undated last). */
  abstract openItems(clientId: string): Promise<OpenItem[]>;
  /** The engagement's next scheduled session after now, if any. */
  abstract nextSession(engagementId: string): Promise<{ startsAt: Date; timeZone: string } | null>;
  /** A client not archived, with their practice's name. */
  abstract activeClient(clientId: string): Promise<{ name: string; email: string; practiceName: string } | null>;
  /** A user not disabled, with their practice's name. */
  abstract activeUser(userId: string): Promise<{ name: string; email: string; timeZone: string; practiceName: string } | null>;
  /** What a coach's weekly digest lists for the week [from, to). */
  abstract coachWeek(coachId: string, from: Date, to: Date): Promise<CoachWeek>;
  /** A one-time link's token, with its practice's name. */
  abstract linkToken(tokenId: string): Promise<{ usedAt: Date | null; expiresAt: Date; practiceName: string } | null>;
  /** The practice's name, or null when there is no such practice. */
  abstract practiceName(practiceId: string): Promise<string | null>;
  /** A user's email address (as stored). */
  abstract userEmail(userId: string): Promise<string | null>;
  /** These sessions (those that exist), with who hears about them and when, for planning their emails. */
  abstract sessionsToPlan(sessionIds: readonly string[]): Promise<PlannableSession[]>;
  /** The scheduled sessions after `after` of a scope, for re-planning their emails. */
  abstract futureSessionsToPlan(scope: FutureSessionScope, after: Date): Promise<PlannableSession[]>;
  /** A client's practice and where they receive email. */
  abstract clientContact(clientId: string): Promise<{ practiceId: string; email: string; userId: string | null; timeZone: string } | null>;
  /**
   * A client's zone, the earliest due date among their open dated items and the earliest next
   * follow-up among their networking contacts (each null: none).
   */
  abstract earliestOpenDueDate(clientId: string): Promise<{ timeZone: string; dueDate: string | null; followUpDate: string | null } | null>;
  /** Clients not archived with an open item due within `days` of their today at `now` (or overdue). */
  abstract clientsWithItemsDue(now: Date, days: number): Promise<Recipient[]>;
  /** Clients not archived with a networking follow-up due within `days` of their today at `now` (or overdue), with the earliest. */
  abstract clientsWithFollowUpsDue(now: Date, days: number): Promise<Array<Recipient & { followUpDate: string }>>;
  /** A client's contacts whose next follow-up is on or before `date` (yyyy-MM-dd), earliest first. */
  abstract followUpsDue(clientId: string, date: string): Promise<FollowUp[]>;
  /** Owners and coaches who can log in (not disabled, a password set). */
  abstract activeCoaches(): Promise<Recipient[]>;
  /** Who hears of a message: the other side of its conversation (the coach, or the client when they have a login), or null. */
  abstract messageRecipient(messageId: string): Promise<MessageRecipient | null>;
  /** What a NEW_MESSAGES email lists: the conversation's messages by the other side that `userId` has not read, oldest first. */
  abstract unreadMessages(engagementId: string, userId: string): Promise<UnreadMessages | null>;
  /** Scheduled sessions starting after `now` and within `days` of it, with their current version. */
  abstract scheduledSessionsWithin(now: Date, days: number): Promise<Array<{ id: string; version: number }>>;
  /** The engagements of these sessions, each with its client and every session it has, for planning mid-cycle check-ins. */
  abstract checkInTimelines(sessionIds: readonly string[]): Promise<CheckInTimeline[]>;
  /** What a mid-cycle check-in email says and whether it still applies (null: the engagement or session is gone). */
  abstract checkInToSend(engagementId: string, afterSessionId: string, nextSessionId: string): Promise<CheckInToSend | null>;
  /** A recorded check-in answer with its client and coach, for the coach's "need help" email. */
  abstract checkInAnswer(checkInId: string): Promise<CheckInAnswerDetails | null>;
}

export interface CheckInTimeline {
  engagementId: string;
  practiceId: string;
  clientId: string;
  /** The engagement is active and its client not archived: only then are check-ins planned. */
  active: boolean;
  client: { email: string; userId: string | null; timeZone: string };
  sessions: Array<{ id: string; version: number; startsAt: Date; status: string }>;
}

export interface CheckInToSend {
  practiceId: string;
  practiceName: string;
  clientId: string;
  client: { name: string; email: string };
  coach: { name: string; email: string };
  active: boolean;
  answered: boolean;
  nextSession: { status: string; version: number; startsAt: Date; timeZone: string } | null;
}

export interface CheckInAnswerDetails {
  id: string;
  practiceId: string;
  practiceName: string;
  clientId: string;
  clientName: string;
  answer: string;
  note: string | null;
  dueDate: string;
  coach: { id: string; name: string; email: string; timeZone: string };
}

/** Someone who receives email: a client (id: the client's) or a user (id: the user's). */
export interface Recipient {
  id: string;
  practiceId: string;
  email: string;
  /** The login of a client who has one; a user's own id. */
  userId: string | null;
  timeZone: string;
}

/**
 * Whose future sessions: one client's; every client of a practice who follows its default
 * reminder times; or those one address hears about in a practice (as the client or as the coach).
 */
export type FutureSessionScope = { clientId: string } | { practiceDefaults: string } | { practiceId: string; recipientEmail: string };

export interface PlannableSession {
  id: string;
  practiceId: string;
  clientId: string;
  startsAt: Date;
  version: number;
  status: string;
  /** Minutes before the session that reminders go out: the client's own, else the practice's. */
  offsets: number[];
  client: { email: string; userId: string | null; timeZone: string };
  coach: { id: string; email: string; timeZone: string };
  /** When its shared summary was published, if it was. */
  summaryPublishedAt: Date | null;
}

export interface SessionDetails {
  id: string;
  status: string;
  version: number;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  /** The session's own link, else its engagement's. */
  meetingUrl: string | null;
  agenda: string | null;
  sequence: number;
  sharedSummary: string | null;
  summaryPublishedAt: Date | null;
  engagementId: string;
  clientId: string;
  client: { name: string; email: string };
  coach: { name: string; email: string };
  practiceName: string;
  /** Only when asked for (withOpenItems). */
  openItems?: OpenItem[];
}

export interface OpenItem {
  title: string;
  /** yyyy-MM-dd, or null when undated. */
  dueDate: string | null;
}

export interface FollowUp {
  name: string;
  organisation: string | null;
  /** yyyy-MM-dd */
  dueDate: string;
}

export interface GoalDetails {
  title: string;
  /** 0–1 (goalProgress). */
  progress: number;
}

export interface CoachWeek {
  sessions: Array<{ clientName: string; startsAt: Date }>;
  /** Per active client with overdue items (OVERDUE_SQL), by name. */
  clientsWithOverdueItems: Array<{ clientName: string; overdueCount: number }>;
  /** Active engagements with no scheduled session ahead, by client name. */
  engagementsWithoutNextSession: Array<{ clientName: string; title: string }>;
  /** Mid-cycle check-ins answered in the seven days before the week and during it, newest first. */
  checkIns: Array<{ clientName: string; answer: string; note: string | null; answeredAt: Date }>;
}

export interface MessageRecipient {
  practiceId: string;
  clientId: string;
  engagementId: string;
  /** When the message was posted (database time). */
  postedAt: Date;
  recipient: { userId: string; email: string; timeZone: string };
}

export interface UnreadMessages {
  recipientName: string;
  practiceName: string;
  /** Whether the recipient is the client (the email links to the portal) or staff (the client page). */
  recipientIsClient: boolean;
  clientId: string;
  clientName: string;
  engagementTitle: string;
  /** The unread messages, oldest first, at most a page of them (the latest ones). */
  messages: Array<{ authorName: string; body: string; createdAt: Date }>;
  /** How many are unread in all. */
  unreadCount: number;
}
