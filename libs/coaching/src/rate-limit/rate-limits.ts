/** How often one action may be taken in a fixed window, per client IP and per target (an address or a record). */
export interface RateLimitRule {
  windowSeconds: number;
  perIp: number;
  perTarget: number;
  /** The target of the call, from its GraphQL arguments; the limit per target is skipped when absent. */
  target(args: Record<string, unknown>): string | undefined;
  /** What the refusal tells the caller, before "try again in …". */
  refusal: string;
}

const lower = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined);

/** `object.key` of an argument that may be absent or not an object (GraphQL has already checked its shape). */
const field = (object: unknown, key: string): unknown =>
  typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;

/**
 * The public entry points that send email or guess passwords. Per IP the limits
 * leave room for an office behind one address; per target they stop one inbox
 * being flooded or one account being guessed at.
 */
export const RATE_LIMITS = {
  signUp: {
    windowSeconds: 3600,
    perIp: 100,
    perTarget: 5,
    target: (args) => lower(field(args.input, 'email')),
    refusal: 'Too many sign-ups',
  },
  logIn: {
    windowSeconds: 900,
    perIp: 300,
    perTarget: 30,
    target: (args) => lower(field(args.input, 'email')),
    refusal: 'Too many log-in attempts',
  },
  requestPasswordReset: {
    windowSeconds: 3600,
    perIp: 50,
    perTarget: 5,
    target: (args) => lower(args.email),
    refusal: 'Too many password reset requests',
  },
  inviteClient: {
    windowSeconds: 3600,
    perIp: 200,
    perTarget: 5,
    target: (args) => (typeof args.clientId === 'string' ? `client:${args.clientId}` : undefined),
    refusal: 'Too many invitations',
  },
  inviteCoach: {
    windowSeconds: 3600,
    perIp: 200,
    perTarget: 5,
    target: (args) => lower(field(args.input, 'email')),
    refusal: 'Too many invitations',
  },
} satisfies Record<string, RateLimitRule>;

export type RateLimitedAction = keyof typeof RATE_LIMITS;

/** "in 12 minutes", "in 40 seconds": when the window ends, in words a coach reads. */
export function retryAfterWords(seconds: number): string {
  if (seconds < 90) return `in ${Math.max(1, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}
