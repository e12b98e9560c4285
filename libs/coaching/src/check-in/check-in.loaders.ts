import DataLoader from 'dataloader';
import type { LoaderContext } from '../access/loader-kit.js';
import { CheckIn } from './check-in.entity.js';

/** The request's check-in DataLoaders (composed into Loaders). */
export function checkInLoaders(context: LoaderContext) {
  return {
    /** Per client: their latest answer, for every client of a page in one statement. */
    latestCheckInByClient: new DataLoader<string, CheckIn | null>(async (keys) => {
      const rows = await context.scope
        .query(context.actor(), CheckIn, 'k')
        .distinctOn(['k.client_id'])
        .andWhere('k.client_id = ANY(:keys)', { keys })
        .orderBy('k.client_id')
        .addOrderBy('k.answered_at', 'DESC')
        .addOrderBy('k.id', 'DESC')
        .getMany();
      const byKey = new Map(rows.map((k) => [k.clientId, k]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
