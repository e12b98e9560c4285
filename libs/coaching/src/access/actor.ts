import type { UserRole } from '../user/user.entity.js';

/** Who is making a request, from their verified access token. */
export interface Actor {
  userId: string;
  practiceId: string;
  role: UserRole;
  /** For CLIENT users: their client record. */
  clientId: string | null;
}

export const isStaff = (actor: Actor): boolean => actor.role === 'OWNER' || actor.role === 'COACH';
