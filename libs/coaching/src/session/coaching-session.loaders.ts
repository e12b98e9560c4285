import DataLoader from 'dataloader';
import { listBy, ordered, type LoaderContext } from '../access/loader-kit.js';
import { nextSession } from '../client/client-summaries.sql.js';
import { CoachingSession } from './coaching-session.entity.js';

/** The next session (client-summaries.sql.ts) per value of `column`. */
function nextSessionBy(context: LoaderContext, column: 'client_id' | 'engagement_id', keyOf: (s: CoachingSession) => string) {
  return new DataLoader<string, CoachingSession | null>(async (keys) => {
    const qb = context.scope
      .query(context.actor(), CoachingSession, 's')
      .distinctOn([`s.${column}`])
      .andWhere(`s.${column} = ANY(:keys)`, { keys })
      .andWhere(nextSession.where('s'))
      .orderBy(`s.${column}`);
    const rows = await ordered(qb, nextSession.order('s')).getMany();
    const byKey = new Map(rows.map((s) => [keyOf(s), s]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** The request's coaching-session DataLoaders (composed into Loaders). */
export function coachingSessionLoaders(context: LoaderContext) {
  return {
    sessionsByEngagement: listBy(context, CoachingSession, 'engagement_id', (s) => s.engagementId, 'r.starts_at'),
    /** The next session, per client or per engagement. */
    nextSessionByClient: nextSessionBy(context, 'client_id', (s) => s.clientId),
    nextSessionByEngagement: nextSessionBy(context, 'engagement_id', (s) => s.engagementId),
  };
}
