import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { Clock } from '#tandem/clock';
import { MAX_MESSAGE, MessageService } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { JobQueue } from '#tandem/queue';
import { replyText } from './reply-text.js';
import { replyTokenOf, verifyReplyToken, type ReplyClaims } from './reply-token.js';

/** An email to the receiver is at most this big (a reply, not an attachment store). */
const MAX_EMAIL_BYTES = 1024 * 1024;

/** An SMTP answer that refuses the command with `code` (smtp-server sends err.responseCode and err.message). */
function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Replies by email: a small SMTP server (smtp-server) that accepts mail only to signed reply
 * addresses (`reply+<token>@<domain>`, reply-token.ts). A forged, expired or foreign address is
 * refused at RCPT with 550; an accepted email is parsed (mailparser), its new text kept
 * (replyText: quotes and signatures stripped) and posted into the conversation as the user the
 * address was signed for (MessageService.postAsUser, source EMAIL), who must still reach it. A
 * reply with no text of its own is refused at DATA. Runs where jobs run (the worker, or the
 * all-in-one `npm start`), when AppConfig.inboundMail is set.
 */
@Injectable()
export class InboundMailReceiver implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InboundMailReceiver');
  private server?: SMTPServer;
  private address?: { host: string; port: number };

  constructor(
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly messages: MessageService,
    private readonly clock: Clock,
  ) {}

  /** Where it listens (the port the OS gave for port 0), once started. */
  get listening(): { host: string; port: number } | undefined {
    return this.address;
  }

  async onApplicationBootstrap(): Promise<void> {
    const inbound = this.config.inboundMail;
    if (!inbound || !this.queue.runsWorker) return;
    const server = new SMTPServer({
      name: inbound.domain,
      banner: 'Tandem replies',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_EMAIL_BYTES,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        callback(this.claimsOf(address) ? undefined : refusal(550, 'No such mailbox here'));
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: Error) =>
        reject(
          new Error(
            `the inbound SMTP receiver cannot listen on ${inbound.host}:${inbound.port} (INBOUND_SMTP_PORT, or off): ${error.message}`,
          ),
        ),
      );
      server.listen(inbound.port, inbound.host, () => {
        server.removeAllListeners('error');
        server.on('error', (error) => this.logger.warn(`inbound SMTP: ${error.message}`));
        resolve();
      });
    });
    this.server = server;
    const bound = server.server.address();
    this.address = { host: inbound.host, port: typeof bound === 'object' && bound ? bound.port : inbound.port };
    this.logger.log(`receiving replies by email on ${this.address.host}:${this.address.port} for reply+…@${inbound.domain}`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private claimsOf(address: SMTPServerAddress): ReplyClaims | null {
    const inbound = this.config.inboundMail;
    const token = inbound ? replyTokenOf(address.address, inbound.domain) : null;
    return token ? verifyReplyToken(token, this.config.jwtSecret, this.clock.now()) : null;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw refusal(552, 'The reply is too big');
    const parsed = await simpleParser(Buffer.concat(chunks));
    const text = replyText(parsed.text ?? '');
    if (!text) throw refusal(550, 'The reply has no text of its own (above the quoted message)');
    if (text.length > MAX_MESSAGE) throw refusal(552, `A message is at most ${MAX_MESSAGE} characters`);
    // Each recipient was checked at RCPT; checked again here (it may have expired in between).
    const recipients = session.envelope.rcptTo.map((address) => this.claimsOf(address));
    if (recipients.some((claims) => !claims)) throw refusal(550, 'No such mailbox here');
    for (const claims of recipients) {
      try {
        await this.messages.postAsUser(claims!.userId, claims!.engagementId, text);
      } catch (error) {
        this.logger.log(`refused a reply by email: ${error instanceof Error ? error.message : String(error)}`);
        throw refusal(550, 'This conversation cannot take your reply');
      }
    }
  }
}
