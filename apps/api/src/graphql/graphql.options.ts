import path from 'node:path';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import type { Logger } from 'pino';
import type { AppConfig } from '#tandem/config';
import { createErrorFormatter } from './format-error.js';

/** The committed SDL; a test fails when it no longer matches the code. */
export const SCHEMA_FILE = path.resolve('schema.graphql');

export function graphqlOptions(config: AppConfig, logger: Logger, schemaFile?: string | false): ApolloDriverConfig {
  const development = !config.isProduction;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Development keeps schema.graphql in step with the code; production builds the schema in memory only.
    autoSchemaFile: schemaFile === undefined ? (development && config.nodeEnv !== 'test' ? SCHEMA_FILE : true) : schemaFile || true,
    sortSchema: true,
    introspection: development,
    playground: false,
    plugins: development ? [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })] : [],
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger.child({ context: 'GraphQL' })),
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
