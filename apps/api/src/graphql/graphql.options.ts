import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import type { LoaderFactory } from '#tandem/coaching';
import type { AppConfig } from '#tandem/config';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin.js';
import { createErrorFormatter, errorLoggingPlugin } from './format-error.js';
import { graphqlOverHttpPlugin } from './graphql-over-http.plugin.js';
import { limitObjectsPerRequest, objectBudgetPlugin, REQUEST_BUDGET, requestBudgetPlugin } from './request-budget.js';

/** Every GraphQL response is per caller: never stored by a browser or a proxy (what the cache-control plugin answered). */
const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** The committed SDL; a test fails when it no longer matches the code. */
export const SCHEMA_FILE = path.resolve('schema.graphql');

/**
 * Limits one request cannot exceed: deep graph walks, alias-multiplied work, huge documents
 * (tokens, counted by the parser), and a budget of objects (see request-budget.ts).
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: REQUEST_BUDGET.maxCost,
  maxObjects: REQUEST_BUDGET.maxObjects,
} as const;

export function graphqlOptions(config: AppConfig, logger: Logger, loaders: LoaderFactory, schemaFile?: string | false): ApolloDriverConfig {
  const development = !config.isProduction;
  // Armor's rules report a refusal as a validation error (400) instead of throwing out of validation (500).
  const reported = {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, ...reported },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reported },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reported },
    // The parser counts tokens (parseOptions below); the budget plugin replaces armor's literal-only cost.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Suggestions are removed from every message by the error formatter in production.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Development keeps schema.graphql in step with the code; production builds the schema in memory only.
    autoSchemaFile: schemaFile === undefined ? (development && config.nodeEnv !== 'test' ? SCHEMA_FILE : true) : schemaFile || true,
    sortSchema: true,
    introspection: development,
    playground: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    transformSchema: (schema) => limitObjectsPerRequest(schema),
    plugins: [
      ...(armor.plugins as NonNullable<ApolloDriverConfig['plugins']>),
      requestBudgetPlugin(),
      objectBudgetPlugin(),
      graphqlOverHttpPlugin() as ApolloServerPlugin,
      // Apollo's cache-control plugin hooks every field resolved (willResolveField) only to conclude,
      // with no cache hints in this schema, `Cache-Control: no-store`; say that once per response instead.
      ApolloServerPluginCacheControlDisabled(),
      noStore,
      graphqlMetricsPlugin(),
      errorLoggingPlugin(logger.child({ context: 'GraphQL' })) as ApolloServerPlugin,
      ...(development ? [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })] : []),
    ],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // Apollo's default APQ cache lives in one replica's memory: a hash registered on one API is unknown to the next.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ hideSuggestions: !development }),
    context: ({ req, res }: { req: { actor?: unknown }; res: unknown }) => ({
      req,
      res,
      loaders: loaders.create(() => req.actor as never),
    }),
  };
}
