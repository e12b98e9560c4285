export interface MailAttachmentEvent {
  /** iCalendar text (METHOD:REQUEST or CANCEL). */
  content: string;
  method: 'REQUEST' | 'CANCEL';
  filename?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Overrides MAIL_FROM. */
  from?: string;
  /** A deterministic Message-ID makes a resend after an ambiguous failure recognisable as the same message. */
  messageId?: string;
  /** Where replies go (a conversation's signed reply address). */
  replyTo?: string;
  headers?: Record<string, string>;
  calendarEvent?: MailAttachmentEvent;
}

export interface SentMail {
  messageId: string;
  /** Where an outbox message was written; absent for SMTP. */
  path?: string;
}

/** Sends mail, or throws a MailDeliveryError saying whether a retry could help. */
export abstract class MailSender {
  abstract readonly transport: 'smtp' | 'outbox';
  abstract send(message: MailMessage): Promise<SentMail>;
  /** Throws when the transport cannot be used (SMTP unreachable, outbox not writable). */
  abstract verify(): Promise<void>;
}
