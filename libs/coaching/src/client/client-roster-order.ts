import { DateTime } from 'luxon';
import type { SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '#tandem/errors';
import { decodeCursor } from '../common/pagination.js';
import { isStorableText, isUuid } from '../common/validation.js';
import type { Client } from './client.entity.js';
import type { ClientOrder } from './client.inputs.js';

/**
 * The roster's orders and their keysets. Each order ends with the client id, so
 * the order is total and a cursor (the keyset values of a page's last row)
 * says exactly where the next page starts. A cursor starts with its order's
 * name: one made for another order is refused rather than misread.
 *
 * - NAME, NAME_DESC: (name, id) up or down (the roster index).
 * - RECENTLY_ADDED: (created_at, id) down.
 * - NEXT_SESSION: the next SCHEDULED session's start up, clients without one
 *   last (as +infinity), then (name, id).
 */

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Direction = 'ASC' | 'DESC';
type OrderTerm = [expression: string, direction: Direction, nulls?: 'NULLS LAST'];

/**
 * The SQL for the order's timestamp on client `c`, or null for the name orders.
 * `sessionScope` renders Scope's condition on a coaching_session `s` of client `c`.
 */
export function rosterSortAt(order: ClientOrder, sessionScope: () => string): string | null {
  if (order === 'RECENTLY_ADDED') return 'c.created_at';
  if (order === 'NEXT_SESSION') {
    // As Loaders.nextSessionByClient: the earliest SCHEDULED session from now.
    return `(SELECT min(s.starts_at) FROM coaching_session s WHERE ${sessionScope()} AND s.status = 'SCHEDULED' AND s.starts_at >= now())`;
  }
  return null;
}

/**
 * ORDER BY terms. In the page query `sortAt` is the timestamp expression and columns are `c.<name>`;
 * over the page's rows (`prefix` 'page.c__') `sortAt` is the selected text, which sorts the same.
 */
export function rosterOrder(order: ClientOrder, sortAt: string | null, prefix = 'c.'): OrderTerm[] {
  const name = `${prefix}name`;
  const id = `${prefix}id`;
  const overText = prefix !== 'c.';
  switch (order) {
    case 'NAME':
      return [
        [name, 'ASC'],
        [id, 'ASC'],
      ];
    case 'NAME_DESC':
      return [
        [name, 'DESC'],
        [id, 'DESC'],
      ];
    case 'RECENTLY_ADDED':
      return [
        [overText ? `${sortAt!} COLLATE "C"` : sortAt!, 'DESC'],
        [id, 'DESC'],
      ];
    case 'NEXT_SESSION':
      return [overText ? [`${sortAt!} COLLATE "C"`, 'ASC', 'NULLS LAST'] : [nextSessionKey(sortAt!), 'ASC'], [name, 'ASC'], [id, 'ASC']];
  }
}

/** Rows after the cursor's row in `order` (BAD_USER_INPUT for a cursor this list did not make). */
export function applyRosterCursor(qb: SelectQueryBuilder<Client>, order: ClientOrder, sortAt: string | null, after: string): void {
  const values = decodeCursor(after, order === 'NEXT_SESSION' ? 4 : 3);
  const refuse = () => new BadUserInputError('after is not a cursor from this list in this order', 'after');
  if (values[0] !== order) throw refuse();
  const id = values.at(-1);
  if (!isUuid(id)) throw refuse();
  const text = (value: unknown, pattern?: RegExp, allowEmpty = false): string => {
    if (typeof value !== 'string' || !isStorableText(value)) throw refuse();
    if (pattern && !(allowEmpty && value === '') && !(pattern.test(value) && DateTime.fromISO(value).isValid)) throw refuse();
    return value;
  };
  switch (order) {
    case 'NAME':
      qb.andWhere('(c.name, c.id) > (:afterName, :afterId)', { afterName: text(values[1]), afterId: id });
      return;
    case 'NAME_DESC':
      qb.andWhere('(c.name, c.id) < (:afterName, :afterId)', { afterName: text(values[1]), afterId: id });
      return;
    case 'RECENTLY_ADDED':
      qb.andWhere('(c.created_at, c.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: text(values[1], CURSOR_TIME),
        afterId: id,
      });
      return;
    case 'NEXT_SESSION': {
      const at = text(values[1], CURSOR_TIME, true);
      qb.andWhere(`(${nextSessionKey(sortAt!)}, c.name, c.id) > (CAST(:afterAt AS timestamptz), :afterName, CAST(:afterId AS uuid))`, {
        afterAt: at || 'infinity',
        afterName: text(values[2]),
        afterId: id,
      });
      return;
    }
  }
}

/** The cursor of `client` (`sortAt`: the selected text of its sort timestamp, null when it has none). */
export function rosterCursor(order: ClientOrder, client: Client, sortAt: string | null): Array<string> {
  switch (order) {
    case 'NAME':
    case 'NAME_DESC':
      return [order, client.name, client.id];
    case 'RECENTLY_ADDED':
      return [order, sortAt ?? '', client.id];
    case 'NEXT_SESSION':
      return [order, sortAt ?? '', client.name, client.id];
  }
}

/** Clients without a next session sort last, as if it were at +infinity (so one row comparison pages through them). */
function nextSessionKey(sortAt: string): string {
  return `coalesce(${sortAt}, CAST('infinity' AS timestamptz))`;
}
