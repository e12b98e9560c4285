import DataLoader from 'dataloader';
import { listBy, ordered, type LoaderContext } from '../access/loader-kit.js';
import { currentEngagement } from '../client/client-summaries.sql.js';
import { Engagement } from './engagement.entity.js';

/** The request's engagement DataLoaders (composed into Loaders). */
export function engagementLoaders(context: LoaderContext) {
  return {
    engagementsByClient: listBy(context, Engagement, 'client_id', (e) => e.clientId, 'r.start_date'),

    /** Per client: the current engagement (client-summaries.sql.ts). */
    currentEngagementByClient: new DataLoader<string, Engagement | null>(async (keys) => {
      const qb = context.scope
        .query(context.actor(), Engagement, 'e')
        .distinctOn(['e.client_id'])
        .andWhere('e.client_id = ANY(:keys)', { keys })
        .orderBy('e.client_id');
      const rows = await ordered(qb, currentEngagement.order('e')).getMany();
      const byKey = new Map(rows.map((e) => [e.clientId, e]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
