import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One accepted message as every receiver keeps it: its Message-ID (with the angle brackets), when it was accepted, its size. */
export interface Arrival {
  messageId: string | null;
  envelopeTo: string[];
  /** When the server answered 250 (ms since the epoch). */
  at: number;
  bytes: number;
}

/** An accepted message kept whole and parsed (`keep: 'messages'`). */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/** What the receiver knows about one Message-ID. */
export interface Receipt {
  /** How many times a message with this Message-ID was accepted (250): a resent message counts again. */
  count: number;
  /** When it was first accepted (ms since the epoch). */
  firstAt: number;
}

export interface SmtpReceiverOptions {
  /**
   * `messages` (the default, for tests): each message is kept whole and parsed in `messages`.
   * `arrivals` (for benchmarks and the drill): only the header block is read, for the Message-ID,
   * so what the receiver costs in the measuring process stays small.
   */
  keep?: 'messages' | 'arrivals';
  /** Holds each message that long before answering, like a slow server (and so sends are really in flight). */
  delayMs?: number;
  /** Runs (and is awaited) once a message has arrived, just before the 250; if it throws, the message is refused. */
  beforeAccept?: (arrival: Arrival) => Promise<void> | void;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * A real SMTP server on a random local port, for the tests, the benchmarks and
 * the fault drill: it records every message it accepts (`arrivals`, and per
 * Message-ID in `receipts`), keeps them parsed when asked (`messages`), and can
 * refuse messages for a while (`rejectWith(451)`) to exercise the failure paths.
 */
export class SmtpReceiver {
  /** Accepted messages, whole and parsed (only with `keep: 'messages'`). */
  readonly messages: ReceivedMail[] = [];
  readonly arrivals: Arrival[] = [];
  readonly receipts = new Map<string, Receipt>();
  /** Messages accepted (250), duplicates included. */
  accepted = 0;
  /** Messages answered with the `rejectWith` code. */
  rejected = 0;
  /** Accepted messages without a Message-ID header. */
  withoutMessageId = 0;
  private connections = 0;
  private rejection?: { code: number; message: string };
  private waiters: Array<() => void> = [];
  private readonly server: SMTPServer;

  constructor(private readonly options: SmtpReceiverOptions = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // No reverse DNS lookup of 127.0.0.1 per connection.
      disableReverseLookup: true,
      // Stopping does not wait long for senders that keep pooled connections open.
      closeTimeout: 1000,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback();
      },
      onData: (stream, session, callback) => {
        const whole = (options.keep ?? 'messages') === 'messages';
        const chunks: Buffer[] = [];
        let head: Buffer | null = Buffer.alloc(0);
        let messageId: string | null = null;
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (whole) chunks.push(chunk);
          if (head === null) return;
          head = head.length ? Buffer.concat([head, chunk]) : chunk;
          const end = head.indexOf(HEADER_END);
          if (end >= 0 || head.length > MAX_HEADER_BYTES) {
            messageId = messageIdOf(head.subarray(0, end >= 0 ? end : head.length).toString('latin1'));
            head = null;
          }
        });
        stream.on('end', () => {
          if (head !== null) messageId = messageIdOf(head.toString('latin1'));
          if (this.rejection) {
            this.rejected += 1;
            return callback(Object.assign(new Error(this.rejection.message), { responseCode: this.rejection.code }));
          }
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          const arrival: Arrival = { messageId, envelopeTo, at: 0, bytes };
          if (!whole && !options.delayMs && !options.beforeAccept) return this.accept250(arrival, null, callback);
          void this.prepare(arrival, whole ? Buffer.concat(chunks).toString('utf8') : null).then(
            (message) => this.accept250(arrival, message, callback),
            (error: Error) => callback(error),
          );
        });
      },
    });
    // A sender killed mid-message resets its connection: part of what tests and the drill do, not an error.
    this.server.on('error', () => undefined);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** SMTP connections opened so far (shows whether the sender pools them). */
  get connectionCount(): number {
    return this.connections;
  }

  /** Distinct messages accepted: each Message-ID once, each message without one on its own. */
  get received(): number {
    return this.receipts.size + this.withoutMessageId;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Refuse every message with `code` (451: try again later; 550: permanent) until accept(). */
  rejectWith(code: number, message = 'rejected by test'): void {
    this.rejection = { code, message };
  }

  accept(): void {
    this.rejection = undefined;
  }

  /** Forgets what arrived so far (between runs). */
  reset(): void {
    this.messages.length = 0;
    this.arrivals.length = 0;
    this.receipts.clear();
    this.accepted = 0;
    this.rejected = 0;
    this.withoutMessageId = 0;
    this.connections = 0;
  }

  /** Resolves once `count` messages have been accepted (duplicates included), or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    if (!(await this.until(() => this.accepted >= count, timeoutMs))) {
      throw new Error(`expected ${count} messages, received ${this.accepted}`);
    }
    return this.messages;
  }

  /** Resolves true once `count` distinct messages (see `received`) have been accepted, false after `timeoutMs`. */
  waitForDistinct(count: number, timeoutMs: number): Promise<boolean> {
    return this.until(() => this.received >= count, timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async prepare(arrival: Arrival, raw: string | null): Promise<ReceivedMail | null> {
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const message = raw === null ? null : { envelopeTo: arrival.envelopeTo, raw, parsed: await simpleParser(raw) };
    await this.options.beforeAccept?.(arrival);
    return message;
  }

  /** Records the message as accepted, then answers 250: a sender killed before reading the answer has still delivered. */
  private accept250(arrival: Arrival, message: ReceivedMail | null, callback: (error?: Error) => void): void {
    arrival.at = Date.now();
    this.arrivals.push(arrival);
    if (message) this.messages.push(message);
    this.accepted += 1;
    if (arrival.messageId === null) this.withoutMessageId += 1;
    else {
      const receipt = this.receipts.get(arrival.messageId);
      if (receipt) receipt.count += 1;
      else this.receipts.set(arrival.messageId, { count: 1, firstAt: arrival.at });
    }
    callback();
    for (const wake of this.waiters) wake();
  }

  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.push(wake);
      });
    }
    return true;
  }
}

/** The Message-ID header of a raw message or its header block (folded lines joined), or null. */
export function messageIdOf(raw: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\s]+>)/im.exec(headers)?.[1] ?? null;
}
