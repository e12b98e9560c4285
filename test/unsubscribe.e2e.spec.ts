import { randomUUID } from 'node:crypto';
import { Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, APP_PIPE, NestFactory, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule } from '#tandem/config';
import { DatabaseModule } from '#tandem/database';
import { LoggingModule } from '#tandem/logging';
import { AuthGuard } from '../libs/coaching/src/auth/auth.guard.js';
import type { SessionRevocations } from '../libs/coaching/src/auth/session-revocations.js';
import type { AccessTokenService } from '../libs/coaching/src/auth/access-token.service.js';
import { createValidationPipe } from '../libs/coaching/src/graphql-edge/validation.pipe.js';
import { signUnsubscribeToken } from '../libs/notifications/src/unsubscribe/unsubscribe-token.js';
import { UnsubscribeModule } from '../libs/notifications/src/unsubscribe/unsubscribe.module.js';
import { ApiClient } from './support/api-client.js';
import { createTestRuntime, type TestRuntime } from './support/test-runtime.js';

const INVALID = 'This unsubscribe link is invalid or has expired';
const DAY = 24 * 60 * 60 * 1000;

/** The app's global guard and pipe, so the test proves they let this plain-HTTP route through as they will in the API. */
const tokensUnusedOverHttp = {
  verify: () => {
    throw new Error('the auth guard must not read tokens outside GraphQL');
  },
} as unknown as AccessTokenService;
const sessionsUnusedOverHttp = {
  isLive: () => {
    throw new Error('the auth guard must not check sessions outside GraphQL');
  },
} as unknown as SessionRevocations;

describe('unsubscribe over HTTP', () => {
  let runtime: TestRuntime;
  let app: INestApplication;
  let http: ApiClient;
  let db: DataSource;
  let practiceId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    @Module({
      imports: [
        ConfigModule.forRoot(runtime.config),
        LoggingModule.forRoot(runtime.logger),
        DatabaseModule.forRoot({ url: runtime.databaseUrl }),
        UnsubscribeModule,
      ],
      providers: [
        {
          provide: APP_GUARD,
          inject: [Reflector],
          useFactory: (reflector: Reflector) => new AuthGuard(reflector, tokensUnusedOverHttp, sessionsUnusedOverHttp),
        },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    })
    class UnsubscribeTestModule {}
    app = await NestFactory.create(UnsubscribeTestModule, { logger: false });
    http = await ApiClient.listen(app);
    db = app.get(DataSource);
    [{ id: practiceId }] = await db.query(
      `INSERT INTO practice (name, time_zone) VALUES ('Northstar Coaching', 'Europe/London') RETURNING id`,
    );
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
  });

  function tokenFor(
    claims: { email?: string; kind?: string | null; expiresAt?: Date; practiceId?: string } = {},
    secret = runtime.config.jwtSecret,
  ): string {
    return signUnsubscribeToken(
      {
        practiceId: claims.practiceId ?? practiceId,
        email: claims.email ?? `ana.${randomUUID()}@client.test`,
        kind: claims.kind === undefined ? 'SESSION_REMINDER' : claims.kind,
        expiresAt: claims.expiresAt ?? new Date(Date.now() + 30 * DAY),
      },
      secret,
    );
  }

  const url = (token: string) => `${http.baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
  const show = (token: string) => fetch(url(token));
  const post = (token: string, form: Record<string, string>) =>
    fetch(url(token), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const oneClick = (token: string) => post(token, { 'List-Unsubscribe': 'One-Click' });

  async function preferences(
    email?: string,
  ): Promise<Array<{ email: string; disabled_kinds: string[]; unsubscribed_at: Date | null; quiet_hours_start: string | null }>> {
    return email
      ? db.query(`SELECT email, disabled_kinds, unsubscribed_at, quiet_hours_start FROM email_preference WHERE lower(email) = lower($1)`, [
          email,
        ])
      : db.query(`SELECT email, disabled_kinds, unsubscribed_at, quiet_hours_start FROM email_preference`);
  }

  const rowCount = async () => Number((await db.query(`SELECT count(*) AS n FROM email_preference`))[0].n);

  describe('GET', () => {
    it('shows an accessible, self-contained page saying what will stop, and changes nothing', async () => {
      const before = await rowCount();
      const email = `Ana.${randomUUID()}@Client.test`;
      const response = await show(tokenFor({ email }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const page = await response.text();
      expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(page).toMatch(/<main>[\s\S]*<\/main>/);
      expect(page).toContain('<form method="post" action="?token=');
      expect(page).toContain('<button type="submit" name="scope" value="kind">Unsubscribe from session reminders</button>');
      expect(page).toContain('name="scope" value="all"');
      expect(page).toContain('Stop session reminders to <strong>');
      expect(page).toContain('all Tandem emails except sign-in links');
      expect(page).toContain(email);
      expect(page).not.toMatch(/<(script|link|img|iframe)\b|\bsrc=|url\(/i);
      expect(await rowCount()).toBe(before);
    });

    it('offers only "all" for a link that is not about one kind', async () => {
      const page = await (await show(tokenFor({ kind: null }))).text();
      expect(page).toContain('Stop all Tandem emails except sign-in links to');
      expect(page).not.toContain('value="kind"');
      expect(page).toContain('<button type="submit" name="scope" value="all">Unsubscribe from all Tandem emails</button>');
    });

    it('lets the page through the global auth guard without a token', async () => {
      expect((await show(tokenFor())).status).toBe(200);
    });
  });

  describe('POST', () => {
    it('one-click (RFC 8058) disables the kind for the lower-cased address', async () => {
      const email = `Ana.${randomUUID()}@Client.test`;
      const response = await oneClick(tokenFor({ email }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('will no longer receive session reminders');
      expect(await preferences(email)).toEqual([
        { email: email.toLowerCase(), disabled_kinds: ['SESSION_REMINDER'], unsubscribed_at: null, quiet_hours_start: null },
      ]);
    });

    it('one-click also works when the body is sent as multipart/form-data', async () => {
      const email = `ben.${randomUUID()}@client.test`;
      const body = new FormData();
      body.set('List-Unsubscribe', 'One-Click');
      const response = await fetch(url(tokenFor({ email, kind: 'ACCOUNTABILITY_NUDGE' })), { method: 'POST', body });
      expect(response.status).toBe(200);
      expect((await preferences(email))[0]?.disabled_kinds).toEqual(['ACCOUNTABILITY_NUDGE']);
    });

    it('scope=all from the page sets unsubscribed_at', async () => {
      const email = `chen.${randomUUID()}@client.test`;
      const response = await post(tokenFor({ email }), { scope: 'all' });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('will no longer receive all Tandem emails except sign-in links');
      const [row] = await preferences(email);
      expect(row?.unsubscribed_at).toBeInstanceOf(Date);
      expect(row?.disabled_kinds).toEqual([]);
    });

    it('one-click on a link for everything sets unsubscribed_at', async () => {
      const email = `dana.${randomUUID()}@client.test`;
      expect((await oneClick(tokenFor({ email, kind: null }))).status).toBe(200);
      expect((await preferences(email))[0]?.unsubscribed_at).toBeInstanceOf(Date);
    });

    it('works by submitting the form the GET page shows', async () => {
      const email = `eve.${randomUUID()}@client.test`;
      const pageUrl = url(tokenFor({ email }));
      const page = await (await fetch(pageUrl)).text();
      const action = /<form method="post" action="([^"]+)">/.exec(page)![1].replace(/&#38;/g, '&');
      const response = await fetch(new URL(action, pageUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'scope=kind',
      });
      expect(response.status).toBe(200);
      expect((await preferences(email))[0]?.disabled_kinds).toEqual(['SESSION_REMINDER']);
    });

    it('is harmless the second time, and adds further kinds to the same row', async () => {
      const email = `fay.${randomUUID()}@client.test`;
      const token = tokenFor({ email });
      expect((await oneClick(token)).status).toBe(200);
      expect((await oneClick(token)).status).toBe(200);
      expect((await post(tokenFor({ email: email.toUpperCase(), kind: 'SESSION_SUMMARY' }), { scope: 'kind' })).status).toBe(200);
      expect(await preferences(email)).toEqual([
        expect.objectContaining({ email, disabled_kinds: ['SESSION_REMINDER', 'SESSION_SUMMARY'] }),
      ]);

      expect((await post(token, { scope: 'all' })).status).toBe(200);
      const first = (await preferences(email))[0].unsubscribed_at;
      expect((await post(token, { scope: 'all' })).status).toBe(200);
      expect(await preferences(email)).toEqual([
        expect.objectContaining({ unsubscribed_at: first, disabled_kinds: ['SESSION_REMINDER', 'SESSION_SUMMARY'] }),
      ]);
    });

    it('keeps the rest of an existing preference', async () => {
      const email = `gus.${randomUUID()}@client.test`;
      await db.query(
        `INSERT INTO email_preference (practice_id, email, quiet_hours_start, quiet_hours_end) VALUES ($1, $2, '22:00', '07:00')`,
        [practiceId, email],
      );
      expect((await oneClick(tokenFor({ email: email.toUpperCase() }))).status).toBe(200);
      expect(await preferences(email)).toEqual([
        { email, disabled_kinds: ['SESSION_REMINDER'], unsubscribed_at: null, quiet_hours_start: '22:00' },
      ]);
    });
  });

  describe('a link that does not work', () => {
    const tampered = () => {
      const [payload, signature] = tokenFor().split('.');
      const changed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      return `${Buffer.from(JSON.stringify({ ...changed, e: 'victim@client.test' })).toString('base64url')}.${signature}`;
    };
    const cases: Array<[string, () => string]> = [
      ['tampered', tampered],
      ['expired', () => tokenFor({ expiresAt: new Date(Date.now() - 1000) })],
      ['garbage', () => 'not-a-token'],
      ['empty', () => ''],
      ['signed with another secret', () => tokenFor({}, 'another-secret-that-is-at-least-32-chars')],
      ['for a transactional kind', () => tokenFor({ kind: 'PASSWORD_RESET' })],
      ['for an unknown kind', () => tokenFor({ kind: 'NEWSLETTER' })],
      ['for a practice that does not exist', () => tokenFor({ practiceId: randomUUID() })],
    ];

    it.each(cases)('(%s) answers 400 with a clear page and writes nothing, on GET and POST', async (_name, token) => {
      const before = await rowCount();
      for (const response of [await show(token()), await oneClick(token()), await post(token(), { scope: 'all' })]) {
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        const page = await response.text();
        expect(page).toContain('<html lang="en">');
        expect(page).toContain(INVALID);
      }
      expect(await rowCount()).toBe(before);
    });

    it('answers 400 without a token, or with two', async () => {
      const before = await rowCount();
      for (const response of [
        await fetch(`${http.baseUrl}/unsubscribe`),
        await fetch(`${http.baseUrl}/unsubscribe`, { method: 'POST' }),
        await fetch(`${url(tokenFor())}&token=${encodeURIComponent(tokenFor())}`, { method: 'POST' }),
      ]) {
        expect(response.status).toBe(400);
        expect(await response.text()).toContain(INVALID);
      }
      expect(await rowCount()).toBe(before);
    });
  });
});
