/**
 * Fields that never reach a log line as they are: credentials and tokens are replaced,
 * email addresses shortened to their first letter and domain (`u***@example.com`), enough
 * to tell two recipients apart or spot a bad domain, not enough to collect addresses.
 * QueryFailedError carries the statement's parameters and PostgreSQL's `detail`
 * ("Key (email)=(…) already exists"), so both go as well.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'variables',
  '*.variables',
  'email',
  '*.email',
  'recipientEmail',
  '*.recipientEmail',
  'to',
  '*.to',
  'err.parameters',
  'err.detail',
  'err.driverError.parameters',
  'err.driverError.detail',
];

const EMAIL_FIELDS = new Set(['email', 'recipientEmail', 'to']);

/** pino's censor: the masked address for address fields, `[redacted]` for the rest. */
export function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1] ?? '';
  if (EMAIL_FIELDS.has(field) && typeof value === 'string') return maskEmail(value);
  return '[redacted]';
}

/** `user@example.com` → `u***@example.com`; anything that is not an address → `***`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
