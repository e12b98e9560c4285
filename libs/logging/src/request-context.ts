import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  /** SQL statements this request has run so far (N+1 shows up here). */
  sqlStatements: number;
}

/** Carries the request id through everything a request awaits, so every log line can name it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Counts one SQL statement against the current request, if any. */
export function countSqlStatement(): void {
  const context = requestContext.getStore();
  if (context) context.sqlStatements += 1;
}
