import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The entity properties a field resolver or a plain field reads, per GraphQL field name of a
 * node type. A name not listed means "read whole entities" (a field added later keeps working).
 */
export type NodeFieldProperties = Readonly<Record<string, readonly string[]>>;

/** `{ name: [name] }` for fields that read the property of their own name. */
export function plainFields(...names: string[]): Record<string, string[]> {
  return Object.fromEntries(names.map((name) => [name, [name]]));
}

/**
 * Calls `onField` for each field selected directly in `selectionSet`, through fragments and inline
 * fragments (each named fragment once per `visited`).
 */
export function forEachSelectedField(
  selectionSet: SelectionSetNode | undefined,
  fragments: GraphQLResolveInfo['fragments'],
  onField: (name: string, selectionSet: SelectionSetNode | undefined) => void,
  visited = new Set<string>(),
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) onField(selection.name.value, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) forEachSelectedField(selection.selectionSet, fragments, onField, visited);
    else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      forEachSelectedField(fragments[selection.name.value]?.selectionSet, fragments, onField, visited);
    }
  }
}

/**
 * The names selected on the nodes of a connection field (`edges { node { … } }`, every
 * occurrence, fragments and inline fragments included).
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  // Each level keeps its own visited set: the same fragment may be spread at edges, node, …
  for (const node of info.fieldNodes) {
    forEachSelectedField(node.selectionSet, info.fragments, (name, edges) => {
      if (name !== 'edges') return;
      forEachSelectedField(edges, info.fragments, (edgeField, nodeSelection) => {
        if (edgeField === 'node') forEachSelectedField(nodeSelection, info.fragments, (field) => names.add(field));
      });
    });
  }
  return names;
}

/**
 * The sorted properties the selected node fields need, plus `always` (the primary key, the
 * page's order and cursor); null when a field is not in `fields` (then read whole entities).
 */
export function nodeProperties(selected: ReadonlySet<string>, fields: NodeFieldProperties, always: readonly string[]): string[] | null {
  const properties = new Set(['id', ...always]);
  for (const name of selected) {
    const needs = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!needs) return null;
    for (const property of needs) properties.add(property);
  }
  return [...properties].sort();
}
