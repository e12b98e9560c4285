import DataLoader from 'dataloader';
import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { actionItemLoaders } from '../action-item/action-item.loaders.js';
import { careerPlanLoaders } from '../career-plan/career-plan.loaders.js';
import { checkInLoaders } from '../check-in/check-in.loaders.js';
import { engagementLoaders } from '../engagement/engagement.loaders.js';
import { goalLoaders } from '../goal/goal.loaders.js';
import { networkingLoaders } from '../networking/networking-contact.loaders.js';
import { messageLoaders } from '../message/message.loaders.js';
import { coachingSessionLoaders } from '../session/coaching-session.loaders.js';
import type { Actor } from './actor.js';
import { loaderContext, type LoaderContext } from './loader-kit.js';
import { Scope } from './scope.js';

export type { ActionItemCounts } from '../action-item/action-item.loaders.js';

/** Loads records of an entity by id; ids out of the caller's reach load as null. One DataLoader per entity. */
export type ByIdLoader = <T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>) => DataLoader<string, T | null>;

function byIdLoader(context: LoaderContext): ByIdLoader {
  const loaders = new Map<unknown, DataLoader<string, unknown>>();
  return <T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>) => {
    let loader = loaders.get(entity) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        const rows = await context.scope.many(context.actor(), entity, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      loaders.set(entity, loader);
    }
    return loader;
  };
}

/**
 * One request's DataLoaders behind every nested GraphQL field: the generic, tenant-scoped `byId`,
 * and each feature's own (`<feature>.loaders.ts`). Each batches all keys asked for in one tick into
 * one scoped SQL statement, so a page of 100 clients costs the same handful of statements as a page of 10.
 */
function createLoaders(scope: Scope, actorOf: () => Actor | undefined, now: () => Date) {
  const context = loaderContext(scope, actorOf, now);
  return {
    byId: byIdLoader(context),
    ...engagementLoaders(context),
    ...coachingSessionLoaders(context),
    ...actionItemLoaders(context),
    ...goalLoaders(context),
    ...careerPlanLoaders(context),
    ...networkingLoaders(context),
    ...messageLoaders(context),
    ...checkInLoaders(context),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The part of the GraphQL context field resolvers read (set in the context factory). */
export interface LoadersContext {
  loaders: Loaders;
}

/** Creates each request's Loaders; the actor is read lazily, after the auth guard has set it. */
@Injectable()
export class LoaderFactory {
  constructor(
    private readonly scope: Scope,
    // Optional: a context built without the ClockModule (the unsubscribe pages) serves no GraphQL.
    @Optional() private readonly clock?: Clock,
  ) {}

  create(actorOf: () => Actor | undefined): Loaders {
    return createLoaders(this.scope, actorOf, () => this.clock?.now() ?? new Date());
  }
}
