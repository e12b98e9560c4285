import { DateTime } from 'luxon';
import { BadUserInputError } from '#tandem/errors';
import { decodeCursor } from '../common/pagination.js';
import { isStorableText, isUuid } from '../common/validation.js';
import { nextSession } from './client-summaries.sql.js';
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
  // The start of the client's next session (client-summaries.sql.ts), the one the nextSession summary shows.
  if (order === 'NEXT_SESSION')
    return `(SELECT min(s.starts_at) FROM coaching_session s WHERE ${sessionScope()} AND ${nextSession.where('s')})`;
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

/**
 * The condition on client `c` for rows after the cursor's row in `order` (BAD_USER_INPUT for a
 * cursor this list did not make); `param` adds a value and returns its placeholder.
 */
export function rosterAfter(order: ClientOrder, sortAt: string | null, after: string, param: (value: unknown) => string): string {
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
      return `(c.name, c.id) > (${param(text(values[1]))}, ${param(id)})`;
    case 'NAME_DESC':
      return `(c.name, c.id) < (${param(text(values[1]))}, ${param(id)})`;
    case 'RECENTLY_ADDED':
      return `(c.created_at, c.id) < (CAST(${param(text(values[1], CURSOR_TIME))} AS timestamptz), CAST(${param(id)} AS uuid))`;
    case 'NEXT_SESSION': {
      const at = text(values[1], CURSOR_TIME, true) || 'infinity';
      const afterName = text(values[2]);
      return `(${nextSessionKey(sortAt!)}, c.name, c.id) > (CAST(${param(at)} AS timestamptz), ${param(afterName)}, CAST(${param(id)} AS uuid))`;
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
