import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One accepted message: its Message-ID (as written, with the angle brackets) and when its DATA ended (epoch ms). */
export interface Arrival {
  messageId: string | null;
  at: number;
  bytes: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
// Long headers are folded: the id may sit on the next line.
const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]*>)/im;

/**
 * A fast SMTP receiver for benchmarks: accepts every message as soon as its
 * DATA ends, parses nothing but the Message-ID out of the header block, and
 * keeps one small record per message. Runs in the bench process, so what it
 * costs there is not charged to the sender being measured.
 */
export class SmtpSink {
  readonly arrivals: Arrival[] = [];
  /** Distinct Message-IDs among the arrivals (a resent message counts once). */
  private readonly distinct = new Set<string>();
  private readonly server: SMTPServer;
  private waiter?: { count: number; wake: () => void };
  private connections = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // No reverse DNS lookup of 127.0.0.1 per connection.
      disableReverseLookup: true,
      // Stopping does not wait long for senders that keep pooled connections open.
      closeTimeout: 1000,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback();
      },
      onData: (stream, _session, callback) => {
        let head: Buffer | null = Buffer.alloc(0);
        let messageId: string | null = null;
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (head === null) return;
          head = head.length ? Buffer.concat([head, chunk]) : chunk;
          const end = head.indexOf(HEADER_END);
          if (end >= 0 || head.length > 64 * 1024) {
            const headers = head.subarray(0, end >= 0 ? end : head.length).toString('latin1');
            messageId = MESSAGE_ID.exec(headers)?.[1] ?? null;
            head = null;
          }
        });
        stream.on('end', () => {
          if (head !== null) messageId = MESSAGE_ID.exec(head.toString('latin1'))?.[1] ?? null;
          this.arrivals.push({ messageId, at: Date.now(), bytes });
          this.distinct.add(messageId ?? `(none ${this.arrivals.length})`);
          callback();
          if (this.waiter && this.distinct.size >= this.waiter.count) this.waiter.wake();
        });
      },
    });
    this.server.on('error', () => undefined);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** SMTP connections opened so far (shows whether the sender pools them). */
  get connectionCount(): number {
    return this.connections;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** How many distinct messages arrived. */
  get received(): number {
    return this.distinct.size;
  }

  /** Forgets what arrived so far (between runs). */
  reset(): void {
    this.arrivals.length = 0;
    this.distinct.clear();
    this.connections = 0;
  }

  /** Resolves true once `count` distinct messages have arrived, false after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number): Promise<boolean> {
    if (this.distinct.size >= count) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.waiter = {
        count,
        wake: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(true);
        },
      };
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
