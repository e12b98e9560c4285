import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { isRequestErrorCode } from './format-error.js';

interface AcceptingRequest {
  accepts(types: string[]): string | false;
}

/**
 * Status codes as the GraphQL-over-HTTP spec asks. A request error (the document does not
 * parse or validate, a limit refuses it, its variables do not coerce, a persisted query is
 * sent) executes nothing: 400 when the client accepts application/graphql-response+json, 200
 * with application/json (legacy clients read the errors from the body). Errors during
 * execution keep 200 with data; a fault of the server keeps its 5xx. Subscriptions are
 * refused as a request error: this API has none.
 */
export function graphqlOverHttpPlugin(): ApolloServerPlugin<{ req?: AcceptingRequest }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError('Subscriptions are not supported; query again to see changes.', {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data !== undefined || !result.errors?.length) return;
          if (!result.errors.every((error) => isRequestErrorCode(error.extensions?.code))) return;
          // Not a well-formed GraphQL-over-HTTP request (no query, a mutation sent with GET): Apollo's 400 or 405 stands.
          if (result.errors.some((error) => error.extensions?.code === 'BAD_REQUEST')) return;
          // The media type Apollo will choose (the same preference order), set here so status and type agree.
          const mediaType = contextValue.req?.accepts(['application/json', 'application/graphql-response+json']);
          if (!mediaType) return; // Apollo answers 406
          response.http.status = mediaType === 'application/graphql-response+json' ? 400 : 200;
          response.http.headers.set('content-type', `${mediaType}; charset=utf-8`);
        },
      };
    },
  };
}
