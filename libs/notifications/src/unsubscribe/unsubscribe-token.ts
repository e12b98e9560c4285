import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaims {
  practiceId: string;
  email: string;
  /** The kind of email to stop; null stops every non-transactional email. */
  kind: string | null;
  expiresAt: Date;
}

interface Payload {
  p: string;
  e: string;
  k: string | null;
  /** Expiry, epoch milliseconds. */
  x: number;
}

// Signed with a purpose prefix so the same secret (AppConfig.jwtSecret) can never produce a signature that is valid for anything else.
const PURPOSE = 'tandem.unsubscribe.v1.';
const PART = /^[A-Za-z0-9_-]+$/;

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(PURPOSE + payload)
    .digest('base64url');
}

/** `<base64url JSON payload>.<base64url HMAC-SHA256>`; pass AppConfig.jwtSecret as the secret. */
export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string): string {
  const body: Payload = { p: claims.practiceId, e: claims.email, k: claims.kind, x: claims.expiresAt.getTime() };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The claims of a token signed with this secret that has not expired at `now`; null for anything else. */
export function verifyUnsubscribeToken(token: string, secret: string, now: Date): UnsubscribeClaims | null {
  if (typeof token !== 'string' || token.length > 2000) return null;
  const [payload, given, ...rest] = token.split('.');
  if (!payload || !given || rest.length || !PART.test(payload) || !PART.test(given)) return null;
  // Compared as text, not decoded bytes: base64url decoding tolerates variants of the same signature.
  const expected = Buffer.from(signature(payload, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;

  const body = parse(payload);
  if (!body || body.x <= now.getTime()) return null;
  return { practiceId: body.p, email: body.e, kind: body.k, expiresAt: new Date(body.x) };
}

function parse(payload: string): Payload | null {
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Payload> | null;
    if (
      typeof body?.p !== 'string' ||
      typeof body.e !== 'string' ||
      (body.k !== null && typeof body.k !== 'string') ||
      typeof body.x !== 'number' ||
      !Number.isFinite(body.x)
    ) {
      return null;
    }
    return { p: body.p, e: body.e, k: body.k, x: body.x };
  } catch {
    return null;
  }
}
