import { Injectable, SetMetadata, UseGuards, applyDecorators, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RateLimitedAction } from './rate-limits.js';
import { RateLimiter } from './rate-limiter.js';

const RATE_LIMITED_ACTION = 'tandem:rate-limited-action';

/**
 * Counts every call of this mutation against RATE_LIMITS[action] (per client IP and
 * per target) and refuses it with RATE_LIMITED once over. Guards run before the
 * transaction interceptor, so the count is written on its own.
 */
export const RateLimited = (action: RateLimitedAction) =>
  applyDecorators(SetMetadata(RATE_LIMITED_ACTION, action), UseGuards(RateLimitGuard));

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<RateLimitedAction | undefined>(RATE_LIMITED_ACTION, context.getHandler());
    if (!action) return true;
    const gql = GqlExecutionContext.create(context);
    const request = gql.getContext<{ req?: { ip?: string } }>().req;
    await this.limiter.hit(action, request?.ip ?? 'unknown', gql.getArgs());
    return true;
  }
}
