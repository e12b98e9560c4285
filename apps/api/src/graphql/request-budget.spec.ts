import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  buildSchema,
  getNamedType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { PORTAL_QUERY, rosterQuery } from '../../../../bench/api.bench.js';
import { REQUEST_BUDGET, requestCost } from './request-budget.js';

const schema = buildSchema(fs.readFileSync('schema.graphql', 'utf8'));

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return requestCost(schema, document, operation, coerced.coerced);
}

// The testers' walk: clients × engagements × sessions³, in its three spellings.
const NESTED = (n: string) =>
  `clients(first: ${n}) { edges { node { engagements { sessions(first: ${n}) { engagement { sessions(first: ${n}) { engagement { sessions(first: ${n}) { id } } } } } } } } }`;
const NESTED_DEFAULTS = `{ clients { edges { node { engagements { sessions { engagement { sessions { engagement { sessions { id } } } } } } } } } }`;

describe('requestCost', () => {
  it('counts a connection page as the connection, each edge and each node, nested lists multiplied', () => {
    expect(costOf('{ clients(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * 2);
    expect(costOf('{ clients(first: 10) { edges { node { coach { id } } } } }')).toBe(1 + 10 * 3);
    expect(costOf('{ clients { edges { node { id } } } }')).toBe(1 + 20 * 2); // the default first
    expect(costOf('{ clients(first: 2) { edges { node { engagements { sessions(first: 3) { id } } } } } }')).toBe(
      1 + 2 * (1 + 1 + REQUEST_BUDGET.listEstimates['Client.engagements'] * (1 + 3)),
    );
    expect(costOf('{ version me { id } }')).toBe(1);
  });

  it('reads first from variables and defaults, caps it at 100, and merges fields as execution does', () => {
    expect(costOf('query($n: Int!) { clients(first: $n) { edges { node { id } } } }', { n: 7 })).toBe(
      costOf('{ clients(first: 7) { edges { node { id } } } }'),
    );
    expect(costOf('query($n: Int = 9) { clients(first: $n) { edges { node { id } } } }')).toBe(1 + 9 * 2);
    expect(costOf('{ engagement(id: "e") { sessions(first: 5000) { id } } }')).toBe(1 + 100);
    expect(costOf('{ engagement(id: "e") { sessions { id } } }')).toBe(1 + 100); // Engagement.sessions defaults to 100
    const fragments =
      'query { clients(first: 5) { edges { node { ...A ...B } } } } fragment A on Client { coach { id } } fragment B on Client { coach { name } }';
    expect(costOf(fragments)).toBe(1 + 5 * 3);
    expect(costOf('query($s: Boolean!) { version clients(first: 5) @skip(if: $s) { edges { node { id } } } }', { s: true })).toBe(0);
  });

  it('puts the nested walk over budget whether first is a literal, a variable or a default', () => {
    expect(costOf(`{ ${NESTED('100')} }`)).toBeGreaterThan(REQUEST_BUDGET.maxCost);
    expect(costOf(`query($n: Int!) { ${NESTED('$n')} }`, { n: 100 })).toBeGreaterThan(REQUEST_BUDGET.maxCost);
    expect(costOf(NESTED_DEFAULTS)).toBeGreaterThan(REQUEST_BUDGET.maxCost);
  });

  it('gives up, as over budget, on a document whose fragments repeat a selection past maxVisits', () => {
    const levels = 15;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Engagement { id }`
        : `fragment F${i} on Engagement { a: client { engagements { ...F${i + 1} } } b: coach { id } c: client { engagements { ...F${i + 1} } } }`,
    ).join(' ');
    const document = parse(`{ engagement(id: "e") { ...F0 } } ${fragments}`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(requestCost(schema, document, operation, {}, { ...REQUEST_BUDGET, listEstimates: {}, defaultListEstimate: 1 })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

/** Every graphql(`…`) document the web app ships, each operation with the fragments it spreads. */
function webOperations(): Array<{ file: string; name: string; document: DocumentNode }> {
  const definitions: Array<{ file: string; definition: DefinitionNode }> = [];
  const walkDir = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walkDir(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name)) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const visitNode = (node: ts.Node): void => {
          if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'graphql') {
            const [text] = node.arguments;
            if (text && (ts.isNoSubstitutionTemplateLiteral(text) || ts.isStringLiteral(text))) {
              for (const definition of parse(text.text).definitions) definitions.push({ file, definition });
            }
          }
          ts.forEachChild(node, visitNode);
        };
        visitNode(source);
      }
    }
  };
  walkDir('apps/web/src');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { definition } of definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return definitions.flatMap(({ file, definition }) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return [];
    const needed = new Map<string, FragmentDefinitionNode>();
    const spread = (node: DefinitionNode): void => {
      visit(node, {
        FragmentSpread(s) {
          const fragment = fragments.get(s.name.value);
          if (fragment && !needed.has(s.name.value)) {
            needed.set(s.name.value, fragment);
            spread(fragment);
          }
        },
      });
    };
    spread(definition);
    return [
      {
        file,
        name: definition.name?.value ?? '(anonymous)',
        document: { kind: Kind.DOCUMENT, definitions: [definition, ...needed.values()] },
      },
    ];
  });
}

/** A value of `type` that coerces: every Int 100 (the largest page), required input fields filled. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
  }
  const scalars: Record<string, unknown> = {
    Int: 100,
    Float: 1,
    String: 'x',
    Boolean: true,
    ID: '00000000-0000-4000-8000-000000000000',
    DateTime: '2026-12-01T00:00:00Z',
  };
  const name = getNamedType(type).name;
  if (!(name in scalars)) throw new Error(`no sample for scalar ${name}`);
  return scalars[name];
}

describe('the budget accepts what the clients send', () => {
  const operations = webOperations();

  it('finds the web app’s documents', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it.each(operations.map((op) => [`${op.name} (${path.relative('apps/web/src', op.file)})`, op] as const))(
    '%s is valid and within budget with every page at 100',
    (_name, { document }) => {
      expect(validate(schema, document)).toEqual([]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const inputs = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [
          v.variable.name.value,
          sample(typeFromAST(schema, v.type as never) as GraphQLInputType),
        ]),
      );
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
      if (coerced.errors) throw coerced.errors[0];
      expect(requestCost(schema, document, operation, coerced.coerced)).toBeLessThanOrEqual(REQUEST_BUDGET.maxCost);
    },
  );

  it('accepts the bench’s roster page of 100 and portal page', () => {
    expect(costOf(rosterQuery(100))).toBeLessThanOrEqual(REQUEST_BUDGET.maxCost);
    expect(costOf(PORTAL_QUERY, { from: '2026-12-01T00:00:00Z' })).toBeLessThanOrEqual(REQUEST_BUDGET.maxCost);
  });
});
