import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { defaultFieldResolver, isObjectType, type GraphQLResolveInfo } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { ActionItem, Client, CoachingSession, Db, Engagement, type Actor } from '#tandem/coaching';
import { ACTION_ITEM_LIST_ALWAYS, ACTION_ITEM_NODE_FIELDS } from '../libs/coaching/src/action-item/action-item.columns.js';
import { setRosterSummary } from '../libs/coaching/src/client/client-roster.js';
import { CLIENT_NODE_FIELDS, ROSTER_CLIENT_ALWAYS } from '../libs/coaching/src/client/client.columns.js';
import { nodeProperties, type NodeFieldProperties } from '../libs/coaching/src/common/node-selection.js';
import { ENGAGEMENT_COLUMN_FIELDS } from '../libs/coaching/src/engagement/engagement.columns.js';
import { SESSION_LIST_ALWAYS, SESSION_NODE_FIELDS } from '../libs/coaching/src/session/coaching-session.columns.js';
import { TestApi } from './support/test-api.js';

/**
 * The field-to-column maps beside the resolvers tell the column-selected lists what to read. Here
 * every field of each GraphQL type (from the schema, so a new field is covered) that its map lists
 * is resolved, through the schema's own resolver, on an entity holding only the properties
 * nodeProperties selects for that field, wrapped in a Proxy that records any read of another
 * column property. A resolver that starts reading a property its map does not list fails here,
 * instead of silently answering from a partial entity. A field missing from a map makes the
 * list read whole rows, which is always safe.
 */

interface MapCase {
  type: string;
  entity: EntityTarget<ObjectLiteral>;
  map: NodeFieldProperties;
  always: readonly string[];
  /** Values that take the resolvers down their longest branch (OPEN and due: isOverdue reads the client's zone). */
  values?: Record<string, unknown>;
  /** Roster rows also carry their summaries. */
  withSummary?: boolean;
}

const CASES: MapCase[] = [
  { type: 'CoachingSession', entity: CoachingSession, map: SESSION_NODE_FIELDS, always: SESSION_LIST_ALWAYS },
  {
    type: 'ActionItem',
    entity: ActionItem,
    map: ACTION_ITEM_NODE_FIELDS,
    always: ACTION_ITEM_LIST_ALWAYS,
    values: { status: 'OPEN', dueDate: '2020-01-01' },
  },
  { type: 'Client', entity: Client, map: CLIENT_NODE_FIELDS, always: ROSTER_CLIENT_ALWAYS, withSummary: true },
  { type: 'Engagement', entity: Engagement, map: ENGAGEMENT_COLUMN_FIELDS, always: [] },
];

const ACTORS: Actor[] = [
  { role: 'OWNER', practiceId: randomUUID(), userId: randomUUID(), clientId: null },
  { role: 'CLIENT', practiceId: randomUUID(), userId: randomUUID(), clientId: randomUUID() },
];

/** Loaders that answer nothing: the resolvers run, and what they read of their parent is what counts. */
function emptyLoaders(): unknown {
  const loader = { load: () => Promise.resolve(null), loadMany: () => Promise.resolve([]) };
  return new Proxy({}, { get: (_target, name) => (name === 'byId' ? () => loader : loader) });
}

describe('field-to-column maps list every property their resolvers read', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api?.close();
  });

  /** The column properties the resolvers of the fields `map` lists read beyond what it lists, and how many resolutions ran. */
  async function strayReads({ type: typeName, entity, map, always, values, withSummary }: MapCase) {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    const fields = type.getFields();
    // Every entry names a field of the type (a renamed field must not leave a stale entry behind).
    expect(Object.keys(map).filter((name) => name !== '__typename' && !fields[name])).toEqual([]);

    const metadata = api.app.get(Db).manager.connection.getMetadata(entity);
    const columns = new Set(metadata.columns.map((column) => column.propertyName));
    const sample = (property: string): unknown => {
      if (values && property in values) return values[property];
      const column = metadata.findColumnWithPropertyName(property)!;
      if (column.isArray) return [];
      if (column.type === 'uuid') return randomUUID();
      if (column.type === 'timestamptz' || column.type === Date) return new Date('2026-01-02T03:04:05Z');
      if (column.type === 'date') return '2026-01-02';
      if (column.type === 'integer' || column.type === 'int' || column.type === Number || column.type === 'numeric') return 1;
      if (column.type === 'boolean' || column.type === Boolean) return true;
      if (column.type === 'jsonb') return {};
      return 'text';
    };

    const reads: string[] = [];
    let resolved = 0;
    for (const [name, field] of Object.entries(fields)) {
      if (!Object.hasOwn(map, name)) continue;
      const properties = new Set(nodeProperties(new Set([name]), map, always));
      for (const actor of ACTORS) {
        for (const summary of withSummary ? [false, true] : [false]) {
          const record = metadata.create() as Record<string, unknown>;
          for (const property of properties) record[property] = sample(property);
          if (summary) {
            setRosterSummary(record as unknown as Client, {
              currentEngagement: null,
              nextSession: null,
              openActionItemCount: 1,
              overdueActionItemCount: 1,
              unreadCommentCount: 1,
              latestGoalCheckIn: null,
            });
          }
          const guarded = new Proxy(record, {
            get(target, key, receiver) {
              if (typeof key === 'string' && columns.has(key) && !properties.has(key)) reads.push(`${typeName}.${name} reads ${key}`);
              return Reflect.get(target, key, receiver) as unknown;
            },
          });
          const context = { req: { actor, headers: {} }, loaders: emptyLoaders() };
          const info = { fieldName: name, parentType: type, returnType: field.type, path: { key: name } } as unknown as GraphQLResolveInfo;
          const resolve = field.resolve ?? defaultFieldResolver;
          try {
            await Promise.resolve(resolve(guarded, {}, context, info));
          } catch {
            // An answer refused (FORBIDDEN) or a stub loader's null: only the properties read count.
          }
          resolved += 1;
        }
      }
    }
    return { reads: [...new Set(reads)], resolved };
  }

  it.each(CASES.map((c) => [c.type, c] as const))('%s', async (_type, mapCase) => {
    const { reads, resolved } = await strayReads(mapCase);
    expect(reads).toEqual([]);
    expect(resolved).toBeGreaterThan(0);
  });

  it('fails for a map that leaves out a property its resolver reads', async () => {
    // sharedSummary's resolver checks summaryPublishedAt for a client: a map without it is caught.
    const narrowed: NodeFieldProperties = { ...SESSION_NODE_FIELDS, sharedSummary: ['sharedSummary'] };
    const { reads } = await strayReads({ ...CASES[0], map: narrowed });
    expect(reads).toEqual(['CoachingSession.sharedSummary reads summaryPublishedAt']);
  });
});
