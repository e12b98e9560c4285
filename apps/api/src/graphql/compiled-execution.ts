import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * GraphQL execution compiled per document (graphql-jit) behind Apollo Server, through the one
 * seam Apollo 5 keeps for a custom executor: its gateway interface. The schema is the one Nest
 * built (capture it in transformSchema); Apollo still parses, validates (its document cache),
 * runs every plugin and formats every error, only `execute` is replaced. A document is compiled
 * once (kept while Apollo keeps the parsed document). Variables that do not coerce are answered
 * by graphql-js itself, so their errors carry the nodes Apollo reads to call them BAD_USER_INPUT.
 */
export class CompiledExecution {
  private schema: GraphQLSchema | undefined;
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  /** transformSchema's last step: the schema every request executes against. */
  capture(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    return schema;
  }

  readonly gateway: GatewayInterface = {
    load: async () => ({ executor: this.executor }),
    onSchemaLoadOrUpdate: (callback) => {
      const schema = this.requireSchema();
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: async () => undefined,
  };

  private readonly executor: GatewayExecutor = async (requestContext) => {
    const schema = this.requireSchema();
    const { document, request, context: contextValue } = requestContext;
    const operationName = request.operationName ?? undefined;
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map()));
    let query = byName.get(operationName ?? '');
    if (!query) {
      query = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      byName.set(operationName ?? '', query);
    }
    const variableValues = request.variables ?? {};
    if (!isCompiledQuery(query)) return graphqlJs(schema, document, operationName, contextValue, variableValues);
    const result = await query.query(undefined, contextValue, variableValues);
    // No data at all: the variables did not coerce (nothing ran); graphql-js words those errors as Apollo expects.
    if (result.data === undefined && result.errors?.length) return graphqlJs(schema, document, operationName, contextValue, variableValues);
    return result;
  };

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('CompiledExecution: the schema was not captured (transformSchema)');
    return this.schema;
  }
}

function graphqlJs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  contextValue: unknown,
  variableValues: Record<string, unknown>,
): Promise<ExecutionResult> {
  return Promise.resolve(execute({ schema, document, operationName, contextValue, variableValues }));
}
