import { createHmac, timingSafeEqual } from 'node:crypto';

export type CheckInLinkAnswer = 'ON_TRACK' | 'STUCK' | 'NEED_HELP';
const ANSWERS: readonly string[] = ['ON_TRACK', 'STUCK', 'NEED_HELP'];

/** What one answer link of a check-in email carries: which check-in, and which answer it gives. */
export interface CheckInClaims {
  practiceId: string;
  engagementId: string;
  afterSessionId: string;
  /** YYYY-MM-DD, the client's date the check-in was due. */
  dueDate: string;
  answer: CheckInLinkAnswer;
  expiresAt: Date;
}

interface Payload {
  p: string;
  e: string;
  s: string;
  d: string;
  a: string;
  x: number;
}

// Its own purpose prefix: a signature made for this can never pass as an unsubscribe token or anything else.
const PURPOSE = 'tandem.check-in.v1.';
const PART = /^[A-Za-z0-9_-]+$/;

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(PURPOSE + payload)
    .digest('base64url');
}

/** `<base64url JSON payload>.<base64url HMAC-SHA256>`; pass AppConfig.jwtSecret as the secret. */
export function signCheckInToken(claims: CheckInClaims, secret: string): string {
  const body: Payload = {
    p: claims.practiceId,
    e: claims.engagementId,
    s: claims.afterSessionId,
    d: claims.dueDate,
    a: claims.answer,
    x: claims.expiresAt.getTime(),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The claims of an untampered token signed with this secret that has not expired at `now`; null for anything else. */
export function verifyCheckInToken(token: unknown, secret: string, now: Date): CheckInClaims | null {
  if (typeof token !== 'string' || token.length > 2000) return null;
  const [payload, given, ...rest] = token.split('.');
  if (!payload || !given || rest.length || !PART.test(payload) || !PART.test(given)) return null;
  const expected = Buffer.from(signature(payload, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const body = parse(payload);
  if (!body || body.x <= now.getTime()) return null;
  return {
    practiceId: body.p,
    engagementId: body.e,
    afterSessionId: body.s,
    dueDate: body.d,
    answer: body.a as CheckInLinkAnswer,
    expiresAt: new Date(body.x),
  };
}

function parse(payload: string): Payload | null {
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Payload> | null;
    const texts = [body?.p, body?.e, body?.s, body?.d, body?.a];
    if (!texts.every((text) => typeof text === 'string') || !ANSWERS.includes(body!.a!)) return null;
    if (typeof body!.x !== 'number' || !Number.isFinite(body!.x)) return null;
    return body as Payload;
  } catch {
    return null;
  }
}
