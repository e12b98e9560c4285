import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { MailDeliveryError, NodemailerMailSender, type MailMessage } from '#tandem/mail';
import { SmtpReceiver } from './support/smtp-receiver.js';

const from = 'Tandem <coach@tandem.test>';
const message: MailMessage = {
  to: 'client@example.com',
  subject: 'Your session on Tuesday',
  text: 'See you at 09:00.',
  html: '<p>See you at <strong>09:00</strong>.</p>',
  messageId: '<notification-42@tandem.test>',
  headers: { 'List-Unsubscribe': '<https://tandem.test/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  calendarEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
};

describe('mail to the outbox directory', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-outbox-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes each message as an .eml file that parses back to what was sent', async () => {
    const sender = new NodemailerMailSender({ kind: 'outbox', dir: path.join(dir, 'outbox'), from });
    await sender.verify();
    const sent = await sender.send(message);

    expect(sent.messageId).toBe('<notification-42@tandem.test>');
    const files = await fs.readdir(path.join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/notification-42@tandem\.test\.eml$/);
    expect(sent.path).toBe(path.join(dir, 'outbox', files[0]));

    const raw = await fs.readFile(sent.path!, 'utf8');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Your session on Tuesday');
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Tandem', address: 'coach@tandem.test' });
    expect(parsed.messageId).toBe('<notification-42@tandem.test>');
    expect(parsed.text?.trim()).toBe('See you at 09:00.');
    expect(parsed.html).toContain('<strong>09:00</strong>');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const invite = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(invite?.content.toString()).toContain('METHOD:REQUEST');
  });
});

describe('mail over SMTP', () => {
  let receiver: SmtpReceiver;

  beforeEach(async () => {
    receiver = await new SmtpReceiver().start();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it('delivers to a real SMTP server, which parses the same message back', async () => {
    const sender = new NodemailerMailSender({ kind: 'smtp', url: receiver.url, from });
    await sender.verify();
    await sender.send(message);

    const [received] = await receiver.waitFor(1);
    expect(received.envelopeTo).toEqual(['client@example.com']);
    expect(received.parsed.subject).toBe('Your session on Tuesday');
    expect(received.parsed.messageId).toBe('<notification-42@tandem.test>');
    expect(received.parsed.html).toContain('<strong>09:00</strong>');
    expect(received.raw).toMatch(/^List-Unsubscribe: <https:\/\/tandem\.test\/u\/abc>$/m);
    expect(received.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  });

  it('reports a 5xx refusal as permanent', async () => {
    receiver.rejectWith(550, 'mailbox unavailable');
    const sender = new NodemailerMailSender({ kind: 'smtp', url: receiver.url, from });
    const error = await sender.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ kind: 'permanent', responseCode: 550 });
  });

  it('reports a 4xx refusal as transient', async () => {
    receiver.rejectWith(451, 'try again later');
    const sender = new NodemailerMailSender({ kind: 'smtp', url: receiver.url, from });
    await expect(sender.send(message)).rejects.toMatchObject({ kind: 'transient', responseCode: 451 });
  });

  it('reports an unreachable server as transient', async () => {
    const url = receiver.url;
    await receiver.stop();
    receiver = await new SmtpReceiver().start(); // keep afterEach happy
    const sender = new NodemailerMailSender({ kind: 'smtp', url: url.replace(/:\d+$/, ':1'), from });
    await expect(sender.send(message)).rejects.toMatchObject({ kind: 'transient' });
  });
});
