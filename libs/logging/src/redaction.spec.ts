import { Writable } from 'node:stream';
import { createLogger } from './create-logger.js';
import { maskEmail } from './redaction.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'info', logFormat: 'json' }, 'test', stream) };
}

describe('log redaction', () => {
  it('shortens addresses to their first letter and domain', () => {
    expect(maskEmail('ursula.coach@example.com')).toBe('u***@example.com');
    expect(maskEmail('x@a.b')).toBe('x***@a.b');
    expect(maskEmail('not an address')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
  });

  it('never writes addresses, passwords, tokens, statement parameters or PostgreSQL details', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        email: 'ursula@example.com',
        input: { email: 'ursula@example.com', password: 'hunter2-hunter2', refreshToken: 'rt-secret' },
        notification: { recipientEmail: 'client@example.org' },
        mail: { to: 'client@example.org', token: 'one-time' },
        accessToken: 'at-secret',
        req: { headers: { authorization: 'Bearer at-secret', cookie: 'sid=1' } },
        err: { message: 'duplicate key', parameters: ['ursula@example.com'], detail: 'Key (email)=(ursula@example.com) already exists.' },
      },
      'something happened',
    );
    const written = JSON.stringify(lines);
    for (const secret of ['ursula@example.com', 'client@example.org', 'hunter2', 'rt-secret', 'at-secret', 'one-time', 'sid=1'])
      expect(written).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      email: 'u***@example.com',
      input: { email: 'u***@example.com', password: '[redacted]', refreshToken: '[redacted]' },
      notification: { recipientEmail: 'c***@example.org' },
      mail: { to: 'c***@example.org', token: '[redacted]' },
      err: { message: 'duplicate key', parameters: '[redacted]', detail: '[redacted]' },
    });
  });
});
