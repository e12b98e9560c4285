import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '#tandem/database';
import { DomainError, ErrorCode, ServiceUnavailableError } from '#tandem/errors';
import { RepeatedErrorLog } from '#tandem/logging';

// Codes of errors that refuse the request as a whole (nothing was executed): the caller's mistake.
const REQUEST_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
  ErrorCode.QUERY_TOO_COMPLEX,
]);

/** Whether an error with this `extensions.code` refuses the request itself (a request error, not a server fault). */
export function isRequestErrorCode(code: unknown): boolean {
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

/** graphql-js's "Did you mean …?" sentences ("…the enum value "ACTIVE"?", "…to use an inline fragment on …?"). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without its suggestions: in production, names the caller did not send stay unknown to them. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

/** How one error of a GraphQL response is answered and logged. */
interface Classified {
  response: GraphQLFormattedError;
  /** expected: the caller's mistake (info, no stack); unavailable: the database (warn); unexpected: a bug (error). */
  kind: 'expected' | 'unavailable' | 'unexpected';
  original: unknown;
}

/**
 * Turns whatever a resolver threw into a response a client can act on: a
 * stable `extensions.code`, the message only when it was written for the
 * caller, and never a stack trace, SQL or an internal class name.
 */
export function classifyGraphQLError(formatted: GraphQLFormattedError, error: unknown): Classified {
  const original = unwrapResolverError(error);
  const base = {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };

  if (original instanceof DomainError) {
    return { kind: 'expected', original, response: { ...base, message: original.message, extensions: { ...original.extensions } } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { kind: 'expected', original, response: { ...base, message: httpMessage(original), extensions: { code } } };
  }
  const code = formatted.extensions?.code;
  if (isRequestErrorCode(code) && (!(original instanceof Error) || original instanceof GraphQLError)) {
    // Armor's depth, alias and directive limits prefix their sentence with "Syntax Error:"; the document parsed.
    const message = /^Syntax Error: .* limit of \d+/.test(base.message) ? base.message.slice('Syntax Error: '.length) : base.message;
    return { kind: 'expected', original, response: { ...base, message, extensions: { code } } };
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = new ServiceUnavailableError();
    return {
      kind: 'unavailable',
      original,
      response: { ...base, message: unavailable.message, extensions: { ...unavailable.extensions } },
    };
  }
  return {
    kind: 'unexpected',
    original,
    response: { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
  };
}

/** `hideSuggestions` (production) removes every "Did you mean …?" from the messages a client reads. */
export function createErrorFormatter(options: { hideSuggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { response } = classifyGraphQLError(formatted, error);
    return options.hideSuggestions ? { ...response, message: withoutSuggestions(response.message) } : response;
  };
}

/**
 * One log line per error, at a level that says who must act: a caller's mistake is info
 * (code and message, no stack), an unreachable database a warning, anything else an
 * error with its stack, the operation and the practice (the request id comes with every line).
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<{ req?: { actor?: { practiceId?: string } } }> {
  // Every request fails alike while the database is away: one line, then a summary per window.
  const unavailable = new RepeatedErrorLog(logger, 'GraphQL requests failing, the database is unavailable');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName, contextValue }) {
          // The object ceiling fails every field it stops with one error: one line for it.
          const logged = new Set<unknown>();
          for (const error of errors) {
            const { kind, original, response } = classifyGraphQLError(error.toJSON(), error);
            if (logged.has(original)) continue;
            logged.add(original);
            const fields = {
              operationName: operationName ?? undefined,
              practiceId: contextValue.req?.actor?.practiceId,
              code: response.extensions?.code,
              path: response.path,
            };
            if (kind === 'expected') logger.info(fields, `GraphQL request refused (${String(fields.code)}): ${response.message}`);
            else if (kind === 'unavailable') unavailable.report(original);
            else logger.error({ ...fields, err: original }, 'unexpected error in GraphQL request');
          }
        },
      };
    },
  };
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = response.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}
