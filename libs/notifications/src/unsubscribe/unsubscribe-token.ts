import { signPayload, verifiedPayload } from '../signed-payload.js';

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

/** `<base64url JSON payload>.<base64url HMAC-SHA256>`; pass AppConfig.jwtSecret as the secret. */
export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string): string {
  const body: Payload = { p: claims.practiceId, e: claims.email, k: claims.kind, x: claims.expiresAt.getTime() };
  return signPayload(PURPOSE, body, secret);
}

/** The claims of a token signed with this secret that has not expired at `now`; null for anything else. */
export function verifyUnsubscribeToken(token: string, secret: string, now: Date): UnsubscribeClaims | null {
  const body = parse(verifiedPayload(PURPOSE, token, secret));
  if (!body || body.x <= now.getTime()) return null;
  return { practiceId: body.p, email: body.e, kind: body.k, expiresAt: new Date(body.x) };
}

function parse(decoded: unknown): Payload | null {
  const body = decoded as Partial<Payload> | null;
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
}
