import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the operator's secret, as
 * `Bearer <secret>` or as HTTP basic auth with any user name and the secret as
 * password. Compared in constant time, with no hint of the secret's length.
 */
export function carriesSecret(authorization: string | undefined, secret: string): boolean {
  const given = presentedSecret(authorization);
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function presentedSecret(authorization: string | undefined): string | undefined {
  const [scheme, value] = (authorization ?? '').trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
