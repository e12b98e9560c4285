import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The entity properties a field resolver or a plain field reads, per GraphQL field name of a
 * node type. A name not listed means "read whole entities" (a field added later keeps working).
 */
export type NodeFieldProperties = Readonly<Record<string, readonly string[]>>;

/**
 * The names selected on the nodes of a connection field (`edges { node { … } }`, every
 * occurrence, fragments and inline fragments included).
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  // Each level keeps its own visited set: the same fragment may be spread at edges, node, …
  const collect = (selectionSet: SelectionSetNode | undefined, onField: (name: string, selectionSet: SelectionSetNode | undefined) => void, visited = new Set<string>()): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) onField(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, onField, visited);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet, onField, visited);
      }
    }
  };
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, (name, edges) => {
      if (name !== 'edges') return;
      collect(edges, (edgeField, nodeSelection) => {
        if (edgeField === 'node') collect(nodeSelection, (field) => names.add(field));
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
