/** Audit actions in words for the owner. Actions not listed here are shown as recorded. */
const ACTIONS: Record<string, string> = {
  'practice.signed_up': 'Practice signed up',
  'practice.updated': 'Practice settings changed',
  'user.logged_in': 'Logged in',
  'user.logged_out': 'Logged out',
  'user.refreshed_session': 'Session renewed',
  'user.password_reset_requested': 'Password reset requested',
  'user.password_reset': 'Password reset',
  'user.accepted_invite': 'Invitation accepted',
  'coach.invited': 'Coach invited',
  'client.created': 'Client added',
  'client.updated': 'Client updated',
  'client.archived': 'Client archived',
  'client.invited': 'Client invited to the portal',
  'engagement.created': 'Engagement created',
  'engagement.updated': 'Engagement updated',
  'engagement.cadence_changed': 'Engagement cadence changed',
  'engagement.draft': 'Engagement returned to draft',
  'engagement.active': 'Engagement activated',
  'engagement.paused': 'Engagement paused',
  'engagement.completed': 'Engagement completed',
  'engagement.cancelled': 'Engagement cancelled',
  'session.scheduled': 'Session scheduled',
  'session.rescheduled': 'Session rescheduled',
  'session.updated': 'Session updated',
  'session.private_notes_written': 'Private notes written',
  'session.summary_published': 'Session summary published',
  'session.completed': 'Session completed',
  'session.cancelled': 'Session cancelled',
  'session.no_show': 'Session marked as no-show',
  'action_item.created': 'Action item added',
  'action_item.updated': 'Action item updated',
  'action_item.commented': 'Action item commented on',
  'action_item.completed': 'Action item done',
  'action_item.reopened': 'Action item reopened',
  'action_item.dropped': 'Action item dropped',
  'goal.created': 'Goal added',
  'goal.updated': 'Goal updated',
  'goal.deleted': 'Goal deleted',
  'goal.checked_in': 'Goal progress recorded',
  'career_plan.revised': 'Career plan revised',
  'sponsor.created': 'Sponsor added',
  'sponsor.updated': 'Sponsor updated',
  'sponsor.archived': 'Sponsor archived',
  'notification_preferences.updated': 'Email preferences changed',
  'demo.seeded': 'Demo data added',
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

const ENTITY_TYPES: Record<string, string> = {
  Practice: 'Practice',
  User: 'User',
  Client: 'Client',
  Engagement: 'Engagement',
  CoachingSession: 'Session',
  ActionItem: 'Action item',
  Goal: 'Goal',
  CareerPlan: 'Career plan',
  Sponsor: 'Sponsor',
  EmailPreference: 'Email preferences',
};

/** "CoachingSession" → "Session"; unknown types as recorded. */
export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPES[entityType] ?? entityType;
}

/** The page where a record can be opened, when there is one. */
export function entityPath(entityType: string, entityId: string | null | undefined): string | undefined {
  if (!entityId) return undefined;
  if (entityType === 'Client') return `/clients/${entityId}`;
  if (entityType === 'CoachingSession') return `/sessions/${entityId}`;
  return undefined;
}

/** OWNER → "Owner", COACH → "Coach". */
export function roleLabel(role: string): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}
