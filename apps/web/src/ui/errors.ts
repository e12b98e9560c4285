import type { CombinedError } from 'urql';

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'This was not found. It may have been removed, or it belongs to someone else.',
  RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'Tandem is briefly unavailable. Please try again in a moment.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
};

/** The code of the first GraphQL error, e.g. NOT_FOUND; 'NETWORK' when the API could not be reached. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A sentence for a person: the API's own message for input and conflict errors, a fixed one otherwise. */
export function errorMessage(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'Tandem could not be reached. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  const code = errorCode(error);
  if (code === 'BAD_USER_INPUT' || code === 'CONFLICT') return first?.message ?? 'Please check what you entered.';
  return (code && MESSAGES[code]) ?? first?.message ?? 'Something went wrong. Please try again.';
}

/** The input field an error names (extensions.field, e.g. "input.email" → "email"), to show it beside that field. */
export function errorField(error: CombinedError | undefined): string | undefined {
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
}
