import DataLoader from 'dataloader';
import type { LoaderContext } from '../access/loader-kit.js';
import { Client } from '../client/client.entity.js';
import { NetworkingContact } from './networking-contact.entity.js';

export interface NetworkingCounts {
  contacts: number;
  touchedThisMonth: number;
  followUpsDue: number;
  followUpsOverdue: number;
}

const NONE: NetworkingCounts = { contacts: 0, touchedThisMonth: 0, followUpsDue: 0, followUpsOverdue: 0 };

/** The request's networking DataLoaders (composed into Loaders). */
export function networkingLoaders(context: LoaderContext) {
  return {
    /**
     * Per client, in one statement for every client asked: contacts, those last contacted this
     * month, and follow-ups due (today or earlier) and overdue (before today), all in the client's
     * zone at the clock's now.
     */
    networkingCountsByClient: new DataLoader<string, NetworkingCounts>(async (keys) => {
      const today = `(CAST(:countsNow AS timestamptz) AT TIME ZONE owner.time_zone)::date`;
      const rows = await context.scope
        .query(context.actor(), NetworkingContact, 'n')
        // The contact is in reach, so its client is too.
        .innerJoin(Client, 'owner', 'owner.id = n.client_id')
        .select('n.client_id', 'clientId')
        .addSelect('count(*)::int', 'contacts')
        .addSelect(`count(*) FILTER (WHERE n.last_contact_date >= date_trunc('month', ${today})::date)::int`, 'touchedThisMonth')
        .addSelect(`count(*) FILTER (WHERE n.next_follow_up_date <= ${today})::int`, 'followUpsDue')
        .addSelect(`count(*) FILTER (WHERE n.next_follow_up_date < ${today})::int`, 'followUpsOverdue')
        .andWhere('n.client_id = ANY(:keys)', { keys, countsNow: context.now().toISOString() })
        .groupBy('n.client_id')
        .getRawMany<NetworkingCounts & { clientId: string }>();
      const byKey = new Map(rows.map(({ clientId, ...counts }) => [clientId, counts]));
      return keys.map((key) => byKey.get(key) ?? NONE);
    }),
  };
}
