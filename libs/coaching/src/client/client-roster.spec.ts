import { parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { rosterIncludeOf } from './client-roster.js';

function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('rosterIncludeOf', () => {
  it('reads only the summaries the page selects', () => {
    expect(rosterIncludeOf(infoOf('{ clients { edges { node { name openActionItemCount } } } }'))).toEqual({
      currentEngagement: false,
      nextSession: false,
      openActionItemCount: true,
      overdueActionItemCount: false,
      latestGoalProgress: false,
    });
  });

  it('follows fragments and inline fragments (once each)', () => {
    const info = infoOf(`{ clients { edges { node { ...Row ... on Client { nextSession { startsAt } } } } } }
      fragment Row on Client { currentEngagement { title } ...More }
      fragment More on Client { latestGoalProgress { progress } ...Row }`);
    expect(rosterIncludeOf(info)).toEqual({ currentEngagement: true, nextSession: true, openActionItemCount: false, overdueActionItemCount: false, latestGoalProgress: true });
  });

  it('sees the overdue count', () => {
    expect(rosterIncludeOf(infoOf('{ clients { edges { node { overdueActionItemCount } } } }'))).toMatchObject({ openActionItemCount: false, overdueActionItemCount: true });
  });
});
