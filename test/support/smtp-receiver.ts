import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a random local port that keeps what it receives, parsed.
 * `rejectWith(code)` makes it refuse the next messages, to test failure paths.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private rejection?: { code: number; message: string };
  private waiters: Array<() => void> = [];
  private readonly server: SMTPServer;

  /**
   * `delayMs` holds each message that long before accepting it, like a slow server;
   * `beforeAccept` runs (and is awaited) once a message has arrived, just before the 250.
   */
  constructor(private readonly options: { delayMs?: number; beforeAccept?: (message: ReceivedMail) => Promise<void> | void } = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.rejection) {
            const error = Object.assign(new Error(this.rejection.message), { responseCode: this.rejection.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const delay = new Promise((resolve) => setTimeout(resolve, this.options.delayMs ?? 0));
          delay
            .then(() => simpleParser(raw))
            .then(
              async (parsed) => {
                const message = { envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed };
                await this.options.beforeAccept?.(message);
                this.messages.push(message);
                this.waiters.forEach((wake) => wake());
                callback();
              },
              (error: Error) => callback(error),
            );
        });
      },
    });
  }

  /** Connection errors (a sender killed mid-message) are part of what tests do to it. */
  private ignoreConnectionErrors(): void {
    this.server.on('error', () => undefined);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.ignoreConnectionErrors();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  rejectWith(code: number, message = 'rejected by test'): void {
    this.rejection = { code, message };
  }

  accept(): void {
    this.rejection = undefined;
  }

  /** Resolves once `count` messages have arrived, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, received ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
