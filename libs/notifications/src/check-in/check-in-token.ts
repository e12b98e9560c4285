import { signPayload, verifiedPayload } from '../signed-payload.js';

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
  return signPayload(PURPOSE, body, secret);
}

/** The claims of an untampered token signed with this secret that has not expired at `now`; null for anything else. */
export function verifyCheckInToken(token: unknown, secret: string, now: Date): CheckInClaims | null {
  const body = parse(verifiedPayload(PURPOSE, token, secret));
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

function parse(decoded: unknown): Payload | null {
  const body = decoded as Partial<Payload> | null;
  const texts = [body?.p, body?.e, body?.s, body?.d, body?.a];
  if (!texts.every((text) => typeof text === 'string') || !ANSWERS.includes(body!.a!)) return null;
  if (typeof body!.x !== 'number' || !Number.isFinite(body!.x)) return null;
  return body as Payload;
}
