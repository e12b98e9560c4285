import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '#tandem/config';
import { MailSender } from '#tandem/mail';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The one-time-link emails of sign-in flows. Sent after the transaction that made the link commits. */
@Injectable()
export class AuthMailer {
  private readonly logger = new Logger('AuthMailer');

  constructor(
    private readonly mail: MailSender,
    private readonly config: AppConfig,
  ) {}

  link(path: string, token: string): string {
    return `${this.config.appUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  async sendInvite(to: string, inviteeName: string, practiceName: string, url: string): Promise<void> {
    await this.send(to, `${practiceName} invited you to Tandem`, [
      `Hello ${inviteeName},`,
      `${practiceName} has invited you to Tandem, where you can review your action items, goals and plan between sessions.`,
      `Set your password here (the link works once, for 7 days): ${url}`,
    ]);
  }

  async sendPasswordReset(to: string, url: string): Promise<void> {
    await this.send(to, 'Reset your Tandem password', [
      'Someone (hopefully you) asked to reset your Tandem password.',
      `Choose a new one here (the link works once, for one hour): ${url}`,
      'If it was not you, ignore this email: your password stays as it is.',
    ]);
  }

  private async send(to: string, subject: string, paragraphs: string[]): Promise<void> {
    try {
      await this.mail.send({
        to,
        subject,
        text: paragraphs.join('\n\n') + '\n',
        html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
      });
    } catch (error) {
      // The caller's answer must not reveal whether an address exists, so failures are logged, not returned.
      this.logger.error(`could not send "${subject}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
