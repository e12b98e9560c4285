import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '#tandem/errors';
import type { UserRole } from '../user/user.entity.js';
import { AccessTokenService } from './access-token.service.js';
import { IS_PUBLIC, ROLES, requestOf } from './auth.decorators.js';
import { SessionRevocations } from './session-revocations.js';

/**
 * Runs before every GraphQL operation: reads the bearer token, puts the actor on
 * the request, and enforces @Roles. Everything is private unless marked @Public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // health and other HTTP routes are public
    const request = requestOf(context);
    const header = request.headers.authorization;
    if (!request.actor && typeof header === 'string' && header.startsWith('Bearer ')) {
      const verified = await this.tokens.verify(header.slice(7).trim());
      // A session ended by log-out, refresh-token reuse or a password reset takes its access tokens with it.
      if (verified && (await this.sessions.isLive(verified.sessionId))) request.actor = verified.actor;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!request.actor) throw new UnauthenticatedError(header ? 'Your session has expired; log in again' : 'You must be logged in');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) throw new ForbiddenError();
    return true;
  }
}
