import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from '#tandem/errors';

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

/**
 * Turns whatever a resolver threw into a response a client can act on: a
 * stable `extensions.code`, the message only when it was written for the
 * caller, and never a stack trace, SQL or an internal class name.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...original.extensions } };
    }
    if (original instanceof HttpException) {
      const code = HTTP_STATUS_CODES[original.getStatus()];
      if (code) return { ...base, message: httpMessage(original), extensions: { code } };
    }
    // Armor's token limit parses the document itself and reports real syntax errors as validation
    // failures; its own limit errors also start with "Syntax Error:" but name a limit.
    const syntax = formatted.message.startsWith('Syntax Error:') && !/ limit of \d+/.test(formatted.message);
    const code = syntax ? 'GRAPHQL_PARSE_FAILED' : formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (!(original instanceof Error) || original instanceof GraphQLError)) {
      return { ...base, extensions: { code } };
    }

    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
    return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
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
