/**
 * Whether `error` says the database could not be reached or did not answer in time,
 * rather than that the statement was wrong: the request may succeed if tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (unavailableHere(current)) return true;
    const wrapped = current as Error & { driverError?: unknown };
    current = wrapped.driverError ?? wrapped.cause;
  }
  return false;
}

const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'is not queryable',
  'Connection ended unexpectedly',
];
// query_canceled (statement_timeout), idle_in_transaction_session_timeout, admin/crash shutdown,
// cannot_connect_now, too_many_connections, and every connection_exception (08xxx).
const UNAVAILABLE_SQLSTATES = new Set(['57014', '25P03', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SYSCALL_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function unavailableHere(error: Error): boolean {
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_SYSCALL_CODES.has(code)))
    return true;
  return UNAVAILABLE_MESSAGES.some((text) => error.message.includes(text));
}
