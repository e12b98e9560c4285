import 'reflect-metadata';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { renderNotification, signUnsubscribeToken, type NotificationContent } from '#tandem/notifications';

/**
 * The raw limit: nodemailer alone, with a pooled SMTP transport, sending N
 * messages shaped like Tandem's session reminders (same renderer, headers and
 * calendar part) to the bench receiver. Messages are rendered before the clock
 * starts. Run as its own process, like the worker, and prints one JSON line.
 *
 * argv[2]: {"smtpUrl": "...", "count": N, "maxConnections": 5}
 */
interface RawOptions {
  smtpUrl: string;
  count: number;
  maxConnections: number;
}

const APP_URL = 'https://tandem.bench';
const DISTINCT = 100;
const SECRET = 'raw-sender-secret-raw-sender-secret';

function message(i: number, now: Date): SendMailOptions {
  const startsAt = new Date(now.getTime() + (48 * 60 + 10) * 60_000);
  const client = { name: `Client ${i}`, email: `client${i}@bench.test` };
  const content: NotificationContent = {
    kind: 'SESSION_REMINDER',
    session: {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      startsAt,
      durationMinutes: 60,
      timeZone: 'Europe/London',
      meetingUrl: `https://meet.example.com/${(i * 7919).toString(16).padStart(12, '0')}`,
      agenda: 'Review the interview feedback.\nPrepare the negotiation for the offer.',
      sequence: 2,
      version: 1,
    },
    coach: { name: `Coach ${1 + (i % 50)}`, email: `coach${1 + (i % 50)}@bench.test` },
    client,
    forCoach: false,
    minutesBefore: 48 * 60,
    openActionItems: [
      { title: 'Update the CV with the new role', dueDate: '2030-01-30', overdue: false },
      { title: 'Ask two peers for feedback', dueDate: '2030-02-09', overdue: false },
    ],
  };
  const token = signUnsubscribeToken(
    {
      practiceId: '00000000-0000-4000-8000-000000000001',
      email: client.email,
      kind: 'SESSION_REMINDER',
      expiresAt: new Date(now.getTime() + 90 * 86_400_000),
    },
    SECRET,
  );
  const unsubscribeUrl = `${APP_URL}/unsubscribe?token=${token}`;
  const email = renderNotification(content, {
    practiceName: 'Bench Coaching',
    appUrl: APP_URL,
    recipientName: client.name,
    recipientTimeZone: 'Europe/London',
    unsubscribeUrl,
    sentAt: now,
  });
  return {
    from: 'Tandem <no-reply@tandem.localhost>',
    to: client.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<raw-${i}@tandem.bench>`,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    icalEvent: { method: email.calendar!.method, filename: 'invite.ics', content: email.calendar!.content },
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as RawOptions;
  const renderStarted = Date.now();
  const now = new Date();
  // A hundred distinct renderings, each sent many times under its own Message-ID and recipient: the same sizes and
  // headers as Tandem's, without rendering 10,000 of them before the clock starts.
  const rendered = Array.from({ length: Math.min(DISTINCT, options.count) }, (_, i) => message(i, now));
  const messages = Array.from({ length: options.count }, (_, i) => ({
    ...rendered[i % rendered.length],
    to: `client${i}@bench.test`,
    messageId: `<raw-${i}@tandem.bench>`,
  }));
  const renderMs = Date.now() - renderStarted;
  const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: options.maxConnections });
  const sendStartedAt = Date.now();
  const results = await Promise.allSettled(messages.map((m) => transport.sendMail(m)));
  const sendFinishedAt = Date.now();
  transport.close();
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  process.stdout.write(
    JSON.stringify({
      renderMs,
      sendStartedAt,
      sendFinishedAt,
      failed: failures.length,
      firstError: failures[0] ? String(failures[0].reason) : null,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`raw sender: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
