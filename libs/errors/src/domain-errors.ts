import { GraphQLError } from 'graphql';

/**
 * The error codes clients can rely on. Everything else a client sees is
 * INTERNAL_SERVER_ERROR with no detail.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request asks for more than one request may: its estimated cost, or the objects it returned, passed the budget. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A dependency (the database) is unreachable or too slow right now; the same request may succeed shortly. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error meant for the caller: its message and code are shown as they are. */
export class DomainError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends DomainError {
  /** `field` names the offending input field, e.g. `input.email`. */
  constructor(message: string, field?: string) {
    super(message, ErrorCode.BAD_USER_INPUT, field ? { field } : {});
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'You must be logged in') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do that') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(id ? `${what} ${id} was not found` : `${what} was not found`, ErrorCode.NOT_FOUND);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, ErrorCode.CONFLICT);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts; try again later') {
    super(message, ErrorCode.RATE_LIMITED, { retryAfterSeconds });
  }
}

export class QueryTooComplexError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.QUERY_TOO_COMPLEX, extensions);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message = 'The service is temporarily unavailable; try again shortly.') {
    super(message, ErrorCode.SERVICE_UNAVAILABLE);
  }
}
