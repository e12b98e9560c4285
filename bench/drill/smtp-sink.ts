import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the sink knows about one Message-ID. */
export interface Receipt {
  /** How many times a message with this Message-ID was accepted (250). */
  count: number;
  /** When it was first accepted (ms since the epoch). */
  firstAt: number;
}

/**
 * A real SMTP server on a random local port for the drill. It keeps only what the
 * drill counts: how often each Message-ID was accepted, and when first. It can
 * answer 451 (try again later) to every message for a while, like a greylisting
 * or overloaded relay. (The drill's own, small copy: bench/ does not import test/.)
 */
export class DrillSmtpSink {
  readonly receipts = new Map<string, Receipt>();
  /** Messages accepted (250), duplicates included. */
  accepted = 0;
  /** Messages answered 451 while rejecting. */
  rejected = 0;
  /** Accepted messages without a Message-ID header. */
  withoutMessageId = 0;
  private rejecting = false;
  private readonly server: SMTPServer;

  /** `delayMs` holds each message that long before answering, so jobs are really in flight when the worker dies. */
  constructor(private readonly delayMs = 0) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.rejecting) {
            this.rejected += 1;
            return callback(Object.assign(new Error('4.3.2 drill: service busy, try again later'), { responseCode: 451 }));
          }
          const messageId = messageIdOf(Buffer.concat(chunks).toString('utf8'));
          const accept = () => {
            // Counted when the server says 250: a sender killed before reading that answer has still delivered.
            this.record(messageId);
            callback();
          };
          if (this.delayMs > 0) setTimeout(accept, this.delayMs);
          else accept();
        });
      },
    });
    // A sender killed mid-message resets its connection: part of the drill, not an error.
    this.server.on('error', () => undefined);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Answer 451 to every message until accept(). */
  rejectWith451(): void {
    this.rejecting = true;
  }

  accept(): void {
    this.rejecting = false;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(messageId: string | null): void {
    this.accepted += 1;
    if (!messageId) {
      this.withoutMessageId += 1;
      return;
    }
    const receipt = this.receipts.get(messageId);
    if (receipt) receipt.count += 1;
    else this.receipts.set(messageId, { count: 1, firstAt: Date.now() });
  }
}

/** The Message-ID header of a raw message (headers unfolded), or null. */
export function messageIdOf(raw: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\s]+>)/im.exec(headers)?.[1] ?? null;
}
