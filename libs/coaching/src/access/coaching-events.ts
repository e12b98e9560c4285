/**
 * What the coaching domain tells the rest of Tandem, inside the transaction of
 * the change. The notifications module implements it to plan emails in the
 * same transaction (outbox); without it nothing is planned.
 */
export abstract class CoachingEvents {
  /** Sessions were created, moved, cancelled, completed or marked no-show. */
  abstract sessionsChanged(sessionIds: readonly string[]): Promise<void>;
  /** The coach published a session's shared summary. */
  abstract summaryPublished(sessionId: string): Promise<void>;
  /** A client's action items were completed, dropped or re-dated. */
  abstract actionItemsChanged(clientId: string): Promise<void>;
  /** A client's networking follow-ups were set, moved, cleared or deleted. */
  abstract followUpsChanged(clientId: string): Promise<void>;
  /** A client's email address or time zone changed. */
  abstract clientContactChanged(clientId: string): Promise<void>;
  /** The practice's default reminder times changed: the future sessions of clients without their own follow them. */
  abstract practiceReminderOffsetsChanged(practiceId: string): Promise<void>;
  /** One client's own reminder times changed. */
  abstract clientReminderOffsetsChanged(clientId: string): Promise<void>;
  /** A message was posted in an engagement's conversation: the other side hears of it (batched). */
  abstract messagePosted(messageId: string): Promise<void>;
  /** A one-time link to email at once (invites, password resets, sign-up confirmations). */
  abstract linkEmailRequested(request: LinkEmailRequest): Promise<void>;
  /** A client answered a mid-cycle check-in (the row exists): "need help" alerts the coach. */
  abstract checkInAnswered(checkInId: string): Promise<void>;
}

export interface LinkEmailRequest {
  /** ACCOUNT_EXISTS carries no token and no link of its own (`tokenId` names the request). */
  kind: 'INVITE' | 'PASSWORD_RESET' | 'SIGN_UP' | 'ACCOUNT_EXISTS';
  practiceId: string;
  email: string;
  userId: string | null;
  timeZone: string;
  recipientName: string;
  /** The one-time link; none for ACCOUNT_EXISTS. */
  url?: string;
  /** Identifies the token the link carries, for the idempotency key. */
  tokenId: string;
  /** An invite to an address that already has an account: the email tells its owner to log in instead. */
  accountExists?: boolean;
}
