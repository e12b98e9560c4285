import type { DataSource } from 'typeorm';
import { RawEntityColumns } from '#tandem/database';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import { ActionItemComment } from '../action-item/action-item-comment.entity.js';
import { ActionItem } from '../action-item/action-item.entity.js';
import { readPointJoin, unreadCommentSql } from '../action-item/unread-comments.js';
import { Client } from '../client/client.entity.js';
import { cursorTimeText, decodeKeys, type KeyType } from '../common/pagination.js';
import { CheckIn } from '../check-in/check-in.entity.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import { Message } from '../message/message.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';

/**
 * The statements behind a coach's "Today" (one per section, whatever the practice size): the
 * coach's own clients (an owner's too: Today is about the clients you coach, not the whole
 * practice), then per section one statement over them. "Now" is the injected clock's, passed as
 * a parameter, never the database's now(). Every value is a positional parameter, so the text
 * depends only on the request's shape and each is a named prepared statement.
 *
 * A new source joins as one more entry in ATTENTION_REASONS (one LATERAL join and its reason) or
 * ACTIVITY_SOURCES (one UNION ALL branch); the notes there say where the parts of issue 15 built
 * beside this one (messages, mid-cycle check-ins) plug in.
 */

export interface TodayColumns {
  client: RawEntityColumns<Client>;
  session: RawEntityColumns<CoachingSession>;
  actionItem: RawEntityColumns<ActionItem>;
}

export function todayColumns(dataSource: DataSource): TodayColumns {
  return {
    client: new RawEntityColumns(dataSource, Client, 'c__'),
    session: new RawEntityColumns(dataSource, CoachingSession, 's__'),
    actionItem: new RawEntityColumns(dataSource, ActionItem, 'a__'),
  };
}

/** The statement's values; `add` returns the placeholder of the value it adds. */
class Parameters {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => `$${this.values.push(value)}`;
}

/** What every part of a statement renders from. */
interface Pieces {
  actor: Actor;
  param: (value: unknown) => string;
  /** The clock's now, as a placeholder. */
  now: string;
  /** Scope's condition on a row `alias` of `entity` belonging to the client row `c`. */
  ofClient: (
    entity:
      | typeof Engagement
      | typeof CoachingSession
      | typeof ActionItem
      | typeof GoalCheckIn
      | typeof ActionItemComment
      | typeof Message
      | typeof CheckIn,
    alias: string,
  ) => string;
}

function pieces(scope: Scope, actor: Actor, clockNow: Date): { pieces: Pieces; values: unknown[] } {
  const parameters = new Parameters();
  const param = parameters.add;
  let nowPlaceholder: string | undefined;
  return {
    values: parameters.values,
    pieces: {
      actor,
      param,
      // Added when first used: a placeholder the text never names has no type PostgreSQL can infer.
      get now() {
        return (nowPlaceholder ??= `CAST(${param(clockNow.toISOString())} AS timestamptz)`);
      },
      ofClient: (entity, alias) => scope.rawCondition(actor, entity, alias, param, { ofClient: 'c.id' }),
    },
  };
}

function mineCte(scope: Scope, { actor, param }: Pieces, extra = ''): string {
  return `mine AS (SELECT c.* FROM client c WHERE ${scope.rawCondition(actor, Client, 'c', param)} AND c.coach_id = ${param(actor.userId)} AND c.archived_at IS NULL${extra})`;
}

/** `(a, b) > (CAST($1 AS t1), CAST($2 AS t2))` for a keyset cursor. */
function after(
  keys: ReadonlyArray<{ sql: string; type: KeyType }>,
  cursor: string,
  direction: 'ASC' | 'DESC',
  param: (value: unknown) => string,
) {
  const values = decodeKeys(
    cursor,
    keys.map((key) => key.type),
  );
  const right = keys.map((key, index) => `CAST(${param(values[index])} AS ${key.type})`).join(', ');
  return `(${keys.map((key) => key.sql).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${right})`;
}

/** A key selected as its exact cursor text. */
const keyText = (sql: string, type: KeyType) => (type === 'timestamptz' ? cursorTimeText(sql) : `CAST(${sql} AS text)`);

// ---------------------------------------------------------------------------------------------
// Sessions: the coach's sessions starting in [from, to), not cancelled, each with the last summary
// shared with the client before it and the client's open item count (the items: openItemsStatement).

export const SESSION_KEYS = [
  { sql: 's.starts_at', type: 'timestamptz' },
  { sql: 's.id', type: 'uuid' },
] as const satisfies ReadonlyArray<{ sql: string; type: KeyType }>;

export function sessionsStatement(
  scope: Scope,
  columns: TodayColumns,
  request: { actor: Actor; now: Date; from: Date; to: Date; first: number; after?: string | undefined },
) {
  const { pieces: p, values } = pieces(scope, request.actor, request.now);
  const conditions = [
    `s.status <> 'CANCELLED'`,
    `s.starts_at >= CAST(${p.param(request.from.toISOString())} AS timestamptz)`,
    `s.starts_at < CAST(${p.param(request.to.toISOString())} AS timestamptz)`,
  ];
  if (request.after) conditions.push(after(SESSION_KEYS, request.after, 'ASC', p.param));
  const sql = `WITH ${mineCte(scope, p)}
    SELECT ${columns.client.select('c')}, ${columns.session.select('s')},
           ${SESSION_KEYS.map((key, index) => `${keyText(key.sql, key.type)} AS cursor_${index}`).join(', ')},
           ps.id AS prev_id, ps.starts_at AS prev_starts_at, ps.shared_summary AS prev_summary, ps.summary_published_at AS prev_published_at,
           oi.open_items
      FROM mine c
      JOIN coaching_session s ON ${p.ofClient(CoachingSession, 's')}
      LEFT JOIN LATERAL (
        SELECT p.id, p.starts_at, p.shared_summary, p.summary_published_at FROM coaching_session p
         WHERE ${p.ofClient(CoachingSession, 'p')} AND p.summary_published_at IS NOT NULL AND p.starts_at < s.starts_at
         ORDER BY p.starts_at DESC, p.id DESC LIMIT 1) ps ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS open_items FROM action_item a WHERE ${p.ofClient(ActionItem, 'a')} AND a.status = 'OPEN') oi ON true
     WHERE ${conditions.join(' AND ')}
     ORDER BY s.starts_at ASC, s.id ASC
     LIMIT ${p.param(request.first + 1)}`;
  return { sql, params: values };
}

/** How many open items each session shows for prep (the count says how many there are). */
export const PREP_ITEMS = 5;

/**
 * The first PREP_ITEMS open items of each of `clientIds` (due first, undated last), each with
 * whether it is overdue at `now` in its client's zone (as ActionItem.isOverdue).
 */
export function openItemsStatement(scope: Scope, columns: TodayColumns, request: { actor: Actor; now: Date; clientIds: string[] }) {
  const { pieces: p, values } = pieces(scope, request.actor, request.now);
  const sql = `SELECT ranked.* FROM (
      SELECT ${columns.actionItem.select('a')},
             (a.due_date < (${p.now} AT TIME ZONE c.time_zone)::date) IS TRUE AS overdue,
             row_number() OVER (PARTITION BY a.client_id ORDER BY a.due_date ASC NULLS LAST, a.created_at ASC, a.id ASC) AS rank
        FROM action_item a JOIN client c ON c.id = a.client_id
       WHERE ${scope.rawCondition(request.actor, ActionItem, 'a', p.param)} AND a.client_id = ANY(${p.param(request.clientIds)}) AND a.status = 'OPEN') ranked
     WHERE ranked.rank <= ${p.param(PREP_ITEMS)}
     ORDER BY ranked.a__client_id, ranked.rank`;
  return { sql, params: values };
}

// ---------------------------------------------------------------------------------------------
// Clients needing attention: each reason is one LATERAL join on the client `c` giving a count
// (0: the reason does not hold); a client is listed when any count is above 0.

export type AttentionReasonKind = 'OVERDUE_ACTION_ITEMS' | 'NO_NEXT_SESSION' | 'UNREAD_COMMENTS' | 'UNANSWERED_MESSAGES' | 'CHECK_IN_HELP';

interface AttentionReasonSql {
  kind: AttentionReasonKind;
  /** The LATERAL join, selecting the count as `<alias>.n`. */
  join: (p: Pieces, alias: string) => string;
}

export const ATTENTION_REASONS: readonly AttentionReasonSql[] = [
  {
    // OPEN and due before today in the client's zone, today being the clock's (OVERDUE_SQL's rule at `now`).
    kind: 'OVERDUE_ACTION_ITEMS',
    join: (p, alias) => `LEFT JOIN LATERAL (
        SELECT count(*)::int AS n FROM action_item a
         WHERE ${p.ofClient(ActionItem, 'a')} AND a.status = 'OPEN' AND a.due_date < (${p.now} AT TIME ZONE c.time_zone)::date) ${alias} ON true`,
  },
  {
    // An ACTIVE engagement and no SCHEDULED session from now on: 1, else 0.
    kind: 'NO_NEXT_SESSION',
    join: (p, alias) => `LEFT JOIN LATERAL (
        SELECT (EXISTS (SELECT 1 FROM engagement e WHERE ${p.ofClient(Engagement, 'e')} AND e.status = 'ACTIVE')
            AND NOT EXISTS (SELECT 1 FROM coaching_session s WHERE ${p.ofClient(CoachingSession, 's')} AND s.status = 'SCHEDULED' AND s.starts_at >= ${p.now}))::int AS n) ${alias} ON true`,
  },
  {
    // The client's comments the viewer has not read (unread-comments.ts, as Client.unreadCommentCount).
    kind: 'UNREAD_COMMENTS',
    join: (p, alias) => {
      const viewer = p.param(p.actor.userId);
      return `LEFT JOIN LATERAL (
        SELECT count(*)::int AS n FROM action_item_comment cm LEFT JOIN ${readPointJoin('cm', 'rd', viewer)}
         WHERE ${p.ofClient(ActionItemComment, 'cm')} AND ${unreadCommentSql(p.actor, { comment: 'cm', readAt: 'rd.read_at', clientUserId: 'c.user_id', viewer })}) ${alias} ON true`;
    },
  },
  {
    // The client's messages with no answer after them in their conversation (anyone else's message answers).
    kind: 'UNANSWERED_MESSAGES',
    join: (p, alias) => `LEFT JOIN LATERAL (
        SELECT count(*)::int AS n FROM message m
         WHERE ${p.ofClient(Message, 'm')} AND m.author_id = c.user_id
           AND NOT EXISTS (SELECT 1 FROM message r WHERE r.engagement_id = m.engagement_id AND r.created_at > m.created_at
                              AND r.author_id IS DISTINCT FROM c.user_id)) ${alias} ON true`,
  },
  {
    // The client's latest mid-cycle check-in answered Stuck or Need help, and no session held since: 1, else 0.
    kind: 'CHECK_IN_HELP',
    join: (p, alias) => `LEFT JOIN LATERAL (
        SELECT (latest.answer IN ('STUCK', 'NEED_HELP') AND NOT EXISTS (
                  SELECT 1 FROM coaching_session s WHERE ${p.ofClient(CoachingSession, 's')} AND s.status = 'COMPLETED'
                     AND s.starts_at > latest.answered_at AND s.starts_at <= ${p.now}))::int AS n
          FROM (SELECT k.answer, k.answered_at FROM check_in k WHERE ${p.ofClient(CheckIn, 'k')}
                 ORDER BY k.answered_at DESC, k.id DESC LIMIT 1) latest) ${alias} ON true`,
  },
];

export const ATTENTION_KEYS = [
  { sql: 'c.name', type: 'text' },
  { sql: 'c.id', type: 'uuid' },
] as const satisfies ReadonlyArray<{ sql: string; type: KeyType }>;

export function attentionStatement(
  scope: Scope,
  columns: TodayColumns,
  request: { actor: Actor; now: Date; first: number; after?: string | undefined },
) {
  const { pieces: p, values } = pieces(scope, request.actor, request.now);
  const aliases = ATTENTION_REASONS.map((_, index) => `r${index}`);
  const conditions = [`(${aliases.map((alias) => `${alias}.n > 0`).join(' OR ')})`];
  if (request.after) conditions.push(after(ATTENTION_KEYS, request.after, 'ASC', p.param));
  const sql = `WITH ${mineCte(scope, p)}
    SELECT ${columns.client.select('c')}, ${ATTENTION_KEYS.map((key, index) => `${keyText(key.sql, key.type)} AS cursor_${index}`).join(', ')},
           ${aliases.map((alias) => `coalesce(${alias}.n, 0) AS ${alias}_n`).join(', ')}
      FROM mine c
      ${ATTENTION_REASONS.map((reason, index) => reason.join(p, aliases[index])).join('\n')}
     WHERE ${conditions.join(' AND ')}
     ORDER BY c.name ASC, c.id ASC
     LIMIT ${p.param(request.first + 1)}`;
  return { sql, params: values };
}

/** The reasons of an attention row, with their counts, in ATTENTION_REASONS order. */
export function attentionReasonsOf(row: Record<string, unknown>): Array<{ kind: AttentionReasonKind; count: number }> {
  return ATTENTION_REASONS.map((reason, index) => ({ kind: reason.kind, count: Number(row[`r${index}_n`] ?? 0) })).filter(
    (reason) => reason.count > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// Recent client activity: what the coach's clients did themselves, newest first. Each source is
// one UNION ALL branch over `mine m` with the same columns.

export type ClientActivityKind = 'ACTION_ITEM_DONE' | 'ACTION_ITEM_COMMENT' | 'GOAL_CHECK_IN' | 'MESSAGE' | 'CHECK_IN_ANSWER';

interface ActivitySourceSql {
  kind: ClientActivityKind;
  /**
   * SELECT kind, id, at, client_id, subject, detail, action_item_id, goal_id, value
   * (text, uuid, timestamptz, uuid, text, text, uuid, uuid, double precision).
   */
  branch: (p: Pieces) => string;
}

export const ACTIVITY_SOURCES: readonly ActivitySourceSql[] = [
  {
    // Items the client marked done themself (one the coach completed is not the client's activity).
    kind: 'ACTION_ITEM_DONE',
    branch: (
      p,
    ) => `SELECT 'ACTION_ITEM_DONE'::text AS kind, a.id, a.completed_at AS at, a.client_id, a.title::text AS subject, NULL::text AS detail,
             a.id AS action_item_id, NULL::uuid AS goal_id, NULL::double precision AS value
        FROM mine m JOIN action_item a ON a.practice_id = ${p.param(p.actor.practiceId)} AND a.client_id = m.id
       WHERE a.status = 'DONE' AND a.completed_at IS NOT NULL AND a.completed_by_id = m.user_id`,
  },
  {
    kind: 'ACTION_ITEM_COMMENT',
    branch: (p) => `SELECT 'ACTION_ITEM_COMMENT'::text, cm.id, cm.created_at, cm.client_id, a.title::text, cm.body::text,
             a.id, NULL::uuid, NULL::double precision
        FROM mine m JOIN action_item_comment cm ON cm.practice_id = ${p.param(p.actor.practiceId)} AND cm.client_id = m.id
        JOIN action_item a ON a.id = cm.action_item_id
       WHERE cm.author_id = m.user_id`,
  },
  {
    // When the client checked in (created_at), whatever date they gave the reading (recorded_at).
    kind: 'GOAL_CHECK_IN',
    branch: (p) => `SELECT 'GOAL_CHECK_IN'::text, gc.id, gc.created_at, gc.client_id, g.title::text, gc.note::text,
             NULL::uuid, g.id, gc.value
        FROM mine m JOIN goal_check_in gc ON gc.practice_id = ${p.param(p.actor.practiceId)} AND gc.client_id = m.id
        JOIN goal g ON g.id = gc.goal_id
       WHERE gc.recorded_by_id = m.user_id`,
  },
  {
    // The client's messages (subject: the engagement's title, detail: the message).
    kind: 'MESSAGE',
    branch: (p) => `SELECT 'MESSAGE'::text, msg.id, msg.created_at, msg.client_id, e.title::text, msg.body::text,
             NULL::uuid, NULL::uuid, NULL::double precision
        FROM mine m JOIN message msg ON msg.practice_id = ${p.param(p.actor.practiceId)} AND msg.client_id = m.id
        JOIN engagement e ON e.id = msg.engagement_id
       WHERE msg.author_id = m.user_id`,
  },
  {
    // Mid-cycle check-in answers (subject: the answer, detail: the client's note).
    kind: 'CHECK_IN_ANSWER',
    branch: (p) => `SELECT 'CHECK_IN_ANSWER'::text, k.id, k.answered_at, k.client_id, k.answer::text, k.note::text,
             NULL::uuid, NULL::uuid, NULL::double precision
        FROM mine m JOIN check_in k ON k.practice_id = ${p.param(p.actor.practiceId)} AND k.client_id = m.id`,
  },
  // Bookings: the product has no client booking yet; a 'SESSION_BOOKED' branch would join here.
];

export const ACTIVITY_KEYS = [
  { sql: 'ev.at', type: 'timestamptz' },
  { sql: 'ev.kind', type: 'text' },
  { sql: 'ev.id', type: 'uuid' },
] as const satisfies ReadonlyArray<{ sql: string; type: KeyType }>;

function eventsCte(p: Pieces): string {
  return `events AS (${ACTIVITY_SOURCES.map((source) => source.branch(p)).join('\n      UNION ALL\n      ')})`;
}

/** The caller's read point, joined as `rp`. */
const readPoint = (p: Pieces) =>
  `activity_read_point rp ON rp.user_id = ${p.param(p.actor.userId)} AND rp.practice_id = ${p.param(p.actor.practiceId)}`;

export function activityStatement(
  scope: Scope,
  columns: TodayColumns,
  request: { actor: Actor; now: Date; first: number; after?: string | undefined },
) {
  const { pieces: p, values } = pieces(scope, request.actor, request.now);
  const conditions = ['true'];
  if (request.after) conditions.push(after(ACTIVITY_KEYS, request.after, 'DESC', p.param));
  const sql = `WITH ${mineCte(scope, p, ' AND c.user_id IS NOT NULL')},
      ${eventsCte(p)}
    SELECT ${columns.client.select('c')}, ev.kind, ev.id, ev.at, ev.subject, ev.detail, ev.action_item_id, ev.goal_id, ev.value,
           ${ACTIVITY_KEYS.map((key, index) => `${keyText(key.sql, key.type)} AS cursor_${index}`).join(', ')},
           (rp.seen_up_to IS NULL OR ev.at > rp.seen_up_to) AS unread
      FROM events ev JOIN mine c ON c.id = ev.client_id
      LEFT JOIN ${readPoint(p)}
     WHERE ${conditions.join(' AND ')}
     ORDER BY ev.at DESC, ev.kind DESC, ev.id DESC
     LIMIT ${p.param(request.first + 1)}`;
  return { sql, params: values };
}

/** The caller's read point and how many of their clients' events are after it. */
export function activityUnreadStatement(scope: Scope, request: { actor: Actor; now: Date }) {
  const { pieces: p, values } = pieces(scope, request.actor, request.now);
  const sql = `WITH ${mineCte(scope, p, ' AND c.user_id IS NOT NULL')},
      ${eventsCte(p)}
    SELECT ${cursorTimeText('rp.seen_up_to')} AS seen_up_to,
           (SELECT count(*)::int FROM events ev WHERE rp.seen_up_to IS NULL OR ev.at > rp.seen_up_to) AS unread
      FROM (SELECT 1) one LEFT JOIN ${readPoint(p)}`;
  return { sql, params: values };
}

/** Moves the caller's read point to the time in an activity cursor, never back. */
export function markSeenStatement(actor: Actor, cursor: string) {
  const [at] = decodeKeys(
    cursor,
    ACTIVITY_KEYS.map((key) => key.type),
  );
  return {
    sql: `INSERT INTO activity_read_point (user_id, practice_id, seen_up_to) VALUES ($1, $2, CAST($3 AS timestamptz))
          ON CONFLICT (user_id) DO UPDATE SET seen_up_to = greatest(activity_read_point.seen_up_to, EXCLUDED.seen_up_to)`,
    params: [actor.userId, actor.practiceId, at],
  };
}
