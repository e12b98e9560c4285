/**
 * A failed send, classified for the caller's retry policy:
 * - `permanent`: the server refused for good (5xx); retrying will not help;
 * - `transient`: the server asked to try later (4xx) or could not be reached before the message was sent;
 * - `ambiguous`: the connection failed after the message body went out, so it may have been delivered.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';

  constructor(
    message: string,
    readonly kind: 'permanent' | 'transient' | 'ambiguous',
    readonly responseCode?: number,
  ) {
    super(message);
  }

  static from(error: unknown): MailDeliveryError {
    if (error instanceof MailDeliveryError) return error;
    const e = error as { message?: string; responseCode?: number; code?: string; command?: string };
    const message = e?.message ?? String(error);
    const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
    if (code !== undefined && code >= 500) return new MailDeliveryError(message, 'permanent', code);
    if (code !== undefined && code >= 400) return new MailDeliveryError(message, 'transient', code);
    // Nodemailer names the SMTP command that was running; after DATA the body may have arrived.
    const afterBody = typeof e?.command === 'string' && e.command.startsWith('DATA');
    return new MailDeliveryError(message, afterBody ? 'ambiguous' : 'transient', code);
  }
}
