import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import type { UserRole } from '../user/user.entity.js';

export const IS_PUBLIC = 'tandem:isPublic';
export const ROLES = 'tandem:roles';

/** Open to callers with no token (sign-up, log-in, invites). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call it; others get NOT_FOUND-free FORBIDDEN. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

export interface RequestWithActor {
  actor?: Actor;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export function requestOf(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>().req;
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The GraphQL context as field resolvers without parameter decorators see it (graphql.options.ts builds it). */
export interface ActorContext {
  req: RequestWithActor;
}

/**
 * The authenticated caller, for field resolvers that take GraphQL's own
 * (parent, args, context): Nest calls those directly, without building an
 * execution context per field as @CurrentActor() needs.
 */
export function actorOf(context: ActorContext): Actor {
  const actor = context.req.actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** The authenticated caller. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});

/** The authenticated caller, or null on a public operation called without a token. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => requestOf(context).actor ?? null,
);

/** The caller's IP address (behind trusted proxies, the client's). */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string => requestOf(context).ip ?? 'unknown');
