import { createHmac, timingSafeEqual } from 'node:crypto';

const PART = /^[A-Za-z0-9_-]+$/;

function signature(purpose: string, payload: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(purpose + payload)
    .digest('base64url');
}

/**
 * `<base64url JSON payload>.<base64url HMAC-SHA256>`, the form of the emails' signed links. The
 * purpose prefix (e.g. `tandem.unsubscribe.v1.`) is signed too, so a token made for one link can
 * never pass as another's; pass AppConfig.jwtSecret as the secret.
 */
export function signPayload(purpose: string, body: object, secret: string): string {
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${signature(purpose, payload, secret)}`;
}

/** The parsed JSON of a token this purpose and secret signed, unchanged; null for anything else (its fields still to be checked). */
export function verifiedPayload(purpose: string, token: unknown, secret: string): unknown {
  if (typeof token !== 'string' || token.length > 2000) return null;
  const [payload, given, ...rest] = token.split('.');
  if (!payload || !given || rest.length || !PART.test(payload) || !PART.test(given)) return null;
  // Compared as text, not decoded bytes: base64url decoding tolerates variants of the same signature.
  const expected = Buffer.from(signature(purpose, payload, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
