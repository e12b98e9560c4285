import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailConfig } from '#tandem/config';
import { MailDeliveryError } from './mail-delivery.error.js';
import { MailSender, type MailMessage, type SentMail } from './mail-message.js';

/**
 * SMTP connections kept open and reused (nodemailer's pooled transport). One
 * connection per message cost a TCP connect, the greeting, EHLO and QUIT each
 * time; see bench/worker.bench.ts. SMTP_URL's query overrides these
 * (`?maxConnections=10&idleTimeout=30000`, or `?pool=false` for a connection per message).
 */
export const SMTP_POOL_CONNECTIONS = 5;
/**
 * A pooled connection left idle this long is closed (QUIT): reused throughout
 * a batch, never left open between sporadic emails for the server to drop
 * (nor holding up a server that is shutting down).
 */
export const SMTP_POOL_IDLE_MS = 1000;

/**
 * Nodemailer on both paths: an SMTP transport when SMTP_URL is set, otherwise
 * its stream transport rendering each message to an .eml file in the outbox
 * directory, so what lands on disk is exactly what SMTP would have carried.
 */
export class NodemailerMailSender extends MailSender implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(private readonly config: MailConfig) {
    super();
    this.transporter =
      config.kind === 'smtp'
        ? nodemailer.createTransport({ url: config.url, pool: true, maxConnections: SMTP_POOL_CONNECTIONS, idleTimeout: SMTP_POOL_IDLE_MS })
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Closes the pooled SMTP connections (a message being sent is finished first). */
  onModuleDestroy(): void {
    this.transporter.close();
  }

  get transport(): 'smtp' | 'outbox' {
    return this.config.kind;
  }

  async send(message: MailMessage): Promise<SentMail> {
    const envelope = {
      from: message.from ?? this.config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.messageId ? { messageId: message.messageId } : {}),
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      ...(message.headers ? { headers: message.headers } : {}),
      ...(message.calendarEvent
        ? {
            icalEvent: {
              method: message.calendarEvent.method,
              filename: message.calendarEvent.filename ?? 'invite.ics',
              content: message.calendarEvent.content,
            },
          }
        : {}),
    };
    let info: { messageId: string; message?: Buffer };
    try {
      // Composed in memory first, then handed over whole: streamed part by part, every MIME header and
      // encoded line became its own socket write (about a tenth of the worker's CPU at 16 sends at once).
      const composed = new MailComposer(envelope).compile();
      const raw = await composed.build();
      info = await this.transporter.sendMail({ raw, envelope: composed.getEnvelope(), messageId: composed.messageId() });
    } catch (error) {
      throw MailDeliveryError.from(error);
    }
    if (this.config.kind === 'outbox') {
      return {
        messageId: info.messageId,
        path: await this.writeToOutbox(this.config.dir, info.messageId, info.message ?? Buffer.alloc(0)),
      };
    }
    return { messageId: info.messageId };
  }

  async verify(): Promise<void> {
    if (this.config.kind === 'outbox') {
      await fs.mkdir(this.config.dir, { recursive: true });
      await fs.access(this.config.dir, fs.constants.W_OK);
      return;
    }
    await this.transporter.verify();
  }

  private async writeToOutbox(dir: string, messageId: string, raw: Buffer): Promise<string> {
    await fs.mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeId = messageId
      .replace(/[<>]/g, '')
      .replace(/[^A-Za-z0-9@._-]/g, '_')
      .slice(0, 120);
    const file = path.join(dir, `${stamp}-${safeId}.eml`);
    // Write then rename, so a reader never sees half a message.
    const temporary = path.join(dir, `.${randomUUID()}.tmp`);
    await fs.writeFile(temporary, raw);
    await fs.rename(temporary, file);
    return file;
  }
}
