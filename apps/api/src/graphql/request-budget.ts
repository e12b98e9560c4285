import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { QueryTooComplexError } from '#tandem/errors';

export interface RequestBudget {
  maxCost: number;
  maxObjects: number;
  maxListSize: number;
  listEstimates: Readonly<Record<string, number>>;
  defaultListEstimate: number;
  maxVisits: number;
}

/**
 * What one request may ask for, counted in objects (every object a composite field returns:
 * a connection, each edge, each node, each nested record).
 */
export const REQUEST_BUDGET: Readonly<RequestBudget> = {
  /** The estimate, from the resolved arguments, above which a request is refused before any resolver runs. */
  maxCost: 10_000,
  /** The objects one answer may hold, counted as they resolve (the estimate of a list with no `first` can be short). */
  maxObjects: 10_000,
  /** Every list with `first` returns at most this many, whatever `first` asks (resolvers clamp to it). */
  maxListSize: 100,
  /** A list with no `first` is estimated at what a practice typically holds; the object count catches the rest. */
  listEstimates: { 'Client.engagements': 5, 'Engagement.goals': 8, 'ActionItem.comments': 10, 'CoachingSession.actionItems': 10 },
  /** The estimate of any other list with no `first` (a practice's coaches, a plan change's sessions). */
  defaultListEstimate: 20,
  /** Composite fields the estimate may visit (fragments can repeat a selection). */
  maxVisits: 20_000,
};

class OverBudget extends Error {}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  budget: RequestBudget;
  visits: number;
}

/**
 * The most objects `operation` can return with these (coerced) variable values: each composite
 * field is one object per element, a list `first` elements (the default when it is not given,
 * at most maxListSize), a connection's edges the connection's `first`, a list with no `first`
 * its listEstimates entry (else defaultListEstimate). Fields are merged by response key and @skip/@include applied as execution
 * does, so the estimate is what the executor will walk. Infinity when the walk itself is too big.
 */
export function requestCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  budget: RequestBudget = REQUEST_BUDGET,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const walk: Walk = { schema, fragments, variables, budget, visits: 0 };
  try {
    return selectionCost(walk, root, [operation.selectionSet], undefined);
  } catch (error) {
    if (error instanceof OverBudget) return Number.POSITIVE_INFINITY;
    throw error;
  }
}

function selectionCost(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  pageSize: number | undefined,
): number {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const selectionSet of selectionSets) collectFields(walk, type, selectionSet, fields, visited);
  let cost = 0;
  for (const nodes of fields.values()) cost += fieldCost(walk, type, nodes, pageSize);
  return cost;
}

function fieldCost(walk: Walk, parent: GraphQLObjectType, nodes: FieldNode[], pageSize: number | undefined): number {
  const first = nodes[0];
  const definition = first.name.value.startsWith('__') ? undefined : parent.getFields()[first.name.value];
  if (!definition) return 0;
  const named = getNamedType(definition.type);
  if (!isCompositeType(named)) return 0;
  if (++walk.visits > walk.budget.maxVisits) throw new OverBudget();
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, first, walk.variables);
  } catch {
    return 0; // the field fails before it resolves: nothing under it runs
  }
  const requested = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), walk.budget.maxListSize) : undefined;
  const list = isListType(getNullableType(definition.type));
  const size = !list
    ? 1
    : (requested ?? pageSize ?? walk.budget.listEstimates[`${parent.name}.${definition.name}`] ?? walk.budget.defaultListEstimate);
  if (size === 0) return 0;
  const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const childPageSize = list ? undefined : requested;
  let perObject = 0;
  for (const runtime of possibleTypes(walk.schema, named))
    perObject = Math.max(perObject, selectionCost(walk, runtime, selectionSets, childPageSize));
  return size * (1 + perObject);
}

function possibleTypes(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
}

/** graphql-js's collectFields: fields by response key, fragments that apply to `type`, each spread once. */
function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const nodes = fields.get(key);
      if (nodes) nodes.push(selection);
      else fields.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || applies(walk, selection.typeCondition.name.value, type))
        collectFields(walk, type, selection.selectionSet, fields, visited);
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = walk.fragments[name];
      if (fragment && applies(walk, fragment.typeCondition.name.value, type))
        collectFields(walk, type, fragment.selectionSet, fields, visited);
    }
  }
}

function applies(walk: Walk, condition: string, type: GraphQLObjectType): boolean {
  const conditionType = walk.schema.getType(condition);
  if (!conditionType) return false;
  if (conditionType === type) return true;
  return isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
  } catch {
    return true;
  }
}

function tooComplex(cost: number, budget: RequestBudget): QueryTooComplexError {
  const estimate = Number.isFinite(cost) ? ` (about ${Math.round(cost).toLocaleString('en')} objects)` : '';
  return new QueryTooComplexError(
    `This request asks for too much at once${estimate}; at most ${budget.maxCost.toLocaleString('en')} objects per request. Ask for fewer items per list (first) or fewer nested lists.`,
    { maxCost: budget.maxCost, ...(Number.isFinite(cost) ? { cost } : {}) },
  );
}

/**
 * Refuses, before any resolver runs, an operation whose requestCost (with the request's
 * variables and the schema's defaults) passes maxCost. Variables that do not coerce are left
 * to execution, which refuses them with BAD_USER_INPUT.
 */
export function requestBudgetPlugin(budget: RequestBudget = REQUEST_BUDGET): ApolloServerPlugin {
  // The estimate is a function of the operation and its variables alone (the schema is fixed), and
  // Apollo hands out the same parsed document for the same text: remember it per operation node and
  // variables. NaN marks variables that do not coerce (the estimate is then left to execution).
  const estimates = new WeakMap<OperationDefinitionNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let known = estimates.get(operation);
          if (!known) estimates.set(operation, (known = new Map<string, number>()));
          const key = JSON.stringify(request.variables ?? {});
          let cost = known.get(key);
          if (cost === undefined) {
            const definitions = operation.variableDefinitions ?? [];
            const coerced = getVariableValues(schema, definitions, request.variables ?? {}, { maxErrors: 1 });
            cost = coerced.errors ? Number.NaN : requestCost(schema, document, operation, coerced.coerced, budget);
            if (known.size >= ESTIMATES_PER_OPERATION) known.clear();
            known.set(key, cost);
          }
          if (cost > budget.maxCost) throw tooComplex(cost, budget);
        },
      };
    },
  };
}

/** Variable sets remembered per operation (a client polling or paging repeats a few; a new one past this starts over). */
const ESTIMATES_PER_OPERATION = 64;

/**
 * The ceiling behind the estimate: counts, per request, the objects every composite field
 * returns (a list counts its elements) and, past maxObjects, fails every further composite
 * field without running its resolver. The answer is then the one QUERY_TOO_COMPLEX error
 * (objectBudgetPlugin drops the partial data). Wraps the resolvers of `schema` in place.
 */
export function limitObjectsPerRequest(schema: GraphQLSchema, budget: RequestBudget = REQUEST_BUDGET): GraphQLSchema {
  const spent = new WeakMap<object, { objects: number; refusal?: QueryTooComplexError }>();
  const spend = (context: unknown, objects: number): void => {
    if (typeof context !== 'object' || context === null) return;
    let request = spent.get(context);
    if (!request) spent.set(context, (request = { objects: 0 }));
    request.objects += objects;
    // One error instance per request: every field it stops reports the same refusal.
    if (request.objects > budget.maxObjects) throw (request.refusal ??= overObjects(budget));
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isCompositeType(getNamedType(field.type))) field.resolve = counted(field, spend);
    }
  }
  return schema;
}

function counted(
  field: GraphQLField<unknown, unknown>,
  spend: (context: unknown, objects: number) => void,
): GraphQLField<unknown, unknown>['resolve'] {
  const resolve = field.resolve ?? defaultFieldResolver;
  const count = (context: unknown, value: unknown): unknown => {
    spend(context, Array.isArray(value) ? value.length : value == null ? 0 : 1);
    return value;
  };
  return (source, args, context, info) => {
    spend(context, 0);
    const value = resolve(source, args, context, info);
    return value instanceof Promise ? value.then((resolved) => count(context, resolved)) : count(context, value);
  };
}

function overObjects(budget: RequestBudget): QueryTooComplexError {
  return new QueryTooComplexError(
    `This answer would hold more than ${budget.maxObjects.toLocaleString('en')} objects; ask for fewer items per list (first) or fewer nested lists.`,
    { maxObjects: budget.maxObjects },
  );
}

/** One QUERY_TOO_COMPLEX error and no partial data when the object ceiling stopped an execution. */
export function objectBudgetPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const stopped = result.errors?.find(
            (error) => error.extensions?.code === 'QUERY_TOO_COMPLEX' && error.extensions.maxObjects !== undefined,
          );
          if (stopped && 'data' in result)
            response.body.singleResult = { data: null, errors: [{ message: stopped.message, extensions: stopped.extensions }] };
        },
      };
    },
  };
}
