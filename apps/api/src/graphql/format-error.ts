import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '#tandem/database';
import { DomainError, ErrorCode, ServiceUnavailableError } from '#tandem/errors';
import { RepeatedErrorLog } from '#tandem/logging';

// Codes Apollo itself assigns to malformed requests; they describe the request, not internals.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

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
  const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

  if (original instanceof DomainError) {
    return { kind: 'expected', original, response: { ...base, message: original.message, extensions: { ...original.extensions } } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { kind: 'expected', original, response: { ...base, message: httpMessage(original), extensions: { code } } };
  }
  // Armor's token limit parses the document itself and reports real syntax errors as validation
  // failures; its own limit errors also start with "Syntax Error:" but name a limit.
  const syntax = formatted.message.startsWith('Syntax Error:') && !/ limit of \d+/.test(formatted.message);
  const code = syntax ? 'GRAPHQL_PARSE_FAILED' : formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (!(original instanceof Error) || original instanceof GraphQLError)) {
    return { kind: 'expected', original, response: { ...base, extensions: { code } } };
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = new ServiceUnavailableError();
    return { kind: 'unavailable', original, response: { ...base, message: unavailable.message, extensions: { ...unavailable.extensions } } };
  }
  return { kind: 'unexpected', original, response: { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } } };
}

export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => classifyGraphQLError(formatted, error).response;
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
          for (const error of errors) {
            const { kind, original, response } = classifyGraphQLError(error.toJSON(), error);
            const fields = { operationName: operationName ?? undefined, practiceId: contextValue.req?.actor?.practiceId, code: response.extensions?.code, path: response.path };
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
    const message = (response as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}
