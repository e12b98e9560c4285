import type { Actor } from '../access/actor.js';
import type { User } from '../user/user.entity.js';

/**
 * The user in an AuthPayload (sign-up, log-in, refresh, accept-invite) is the
 * caller, who has just proved who they are, although the request carried no
 * token: their actor is kept beside the User object so the payload's nested
 * fields (`user { client { … } }`) answer as for that user instead of
 * UNAUTHENTICATED (which made the web client refresh and resend the mutation).
 */
const authenticated = new WeakMap<User, Actor>();

export function markAuthenticated(user: User, actor: Actor): void {
  authenticated.set(user, actor);
}

export function authenticatedActorOf(user: User): Actor | undefined {
  return authenticated.get(user);
}
