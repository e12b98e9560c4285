import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ConflictError, ForbiddenError } from '#tandem/errors';
import { isStaff, type Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { decodeKeys, toConnection, type ConnectionShape } from '../common/pagination.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { Goal } from '../goal/goal.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import { ActionItemComment } from './action-item-comment.entity.js';
import { ActionItem, type ActionItemStatus } from './action-item.entity.js';
import type { ActionItemFilter, CreateActionItemInput, UpdateActionItemInput } from './action-item.inputs.js';
import { OVERDUE_SQL, setOverdueRead } from './overdue.js';
import { PreparedPages, RawEntityColumns } from '#tandem/database';
import { Client } from '../client/client.entity.js';

@Injectable()
export class ActionItemService {
  private columns?: RawEntityColumns<ActionItem>;
  private readonly pages = new PreparedPages();

  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, id: string): Promise<ActionItem> {
    return this.scope.get(actor, ActionItem, id, 'Action item');
  }

  /**
   * Items in due order (undated last), paged by (due_date NULLS LAST, id). Due order is how items
   * are reviewed, and it is index-friendly: for the common query (one client's OPEN items)
   * action_item_client_idx (client_id, status, due_date) yields rows in that order (ascending
   * btree scans put NULLs last), so only ties on id are sorted and the scan stops after first + 1
   * rows; created_at has no index. A row comparison cannot step past NULL, hence the explicit
   * predicates; an undated cursor is encoded as ''. `read`: the entity properties the caller will
   * read (the resolver's selection through ACTION_ITEM_NODE_FIELDS; null: every column), and
   * whether it asks whether each item is overdue (default: all of it).
   */
  async list(
    actor: Actor,
    filter: ActionItemFilter | undefined,
    first: number,
    after?: string,
    read: { properties: readonly string[] | null; overdue: boolean } = { properties: null, overdue: true },
  ): Promise<ConnectionShape<ActionItem>> {
    const { clientId, engagementId, sessionId, status, dueBefore } = filter ?? {};
    const [afterDue, afterId] = after ? decodeKeys(after, ['date', 'uuid'], [true, false]) : [];
    const afterKind = !after ? '' : afterDue ? 'dated' : 'undated';
    // isOverdue, when asked, is read in the same statement (the client's zone joined), so a page of
    // items needs no statement more for it; the item is visible, so its client is in the caller's reach.
    // A named prepared statement (planned once per connection), its text written once per shape, as the sessions list.
    const overdue = read.overdue;
    const all = (this.columns ??= new RawEntityColumns(this.db.manager.connection, ActionItem, 'a__'));
    const properties = read.properties;
    const { entities: rows, rows: raw } = await this.pages.read(
      this.db,
      {
        shape: [this.scope.shape(actor), !!clientId, !!engagementId, !!sessionId, !!status, !!dueBefore, afterKind, overdue].join(),
        parameters: { ...this.scope.parameters(actor), clientId, engagementId, sessionId, status, dueBefore, afterDue, afterId },
        build: () => {
          const qb = this.scope.query(actor, ActionItem, 'a');
          if (clientId) qb.andWhere('a.client_id = :clientId', { clientId });
          if (engagementId) qb.andWhere('a.engagement_id = :engagementId', { engagementId });
          if (sessionId) qb.andWhere('a.session_id = :sessionId', { sessionId });
          if (status) qb.andWhere('a.status = :status', { status });
          if (dueBefore) qb.andWhere('a.due_date < :dueBefore', { dueBefore });
          if (afterKind === 'dated') {
            qb.andWhere('(a.due_date > :afterDue OR (a.due_date = :afterDue AND a.id > :afterId) OR a.due_date IS NULL)', {
              afterDue,
              afterId,
            });
          } else if (afterKind === 'undated') {
            qb.andWhere('a.due_date IS NULL AND a.id > :afterId', { afterId });
          }
          if (overdue) qb.leftJoin(Client, 'owner', 'owner.id = a.client_id');
          qb.orderBy('a.due_date', 'ASC', 'NULLS LAST').addOrderBy('a.id');
          return qb;
        },
      },
      properties ? all.only(properties) : all,
      'a',
      first + 1,
      overdue ? [[`coalesce(${OVERDUE_SQL('a', 'owner.time_zone')}, false)`, 'is_overdue']] : [],
    );
    if (overdue) rows.forEach((item, index) => setOverdueRead(item, raw[index].is_overdue === true));
    return toConnection(rows, first, (a) => [a.dueDate ?? '', a.id]);
  }

  async create(actor: Actor, input: CreateActionItemInput): Promise<ActionItem> {
    const engagement = await this.scope.get(actor, Engagement, input.engagementId, 'Engagement');
    if (input.sessionId) await this.assertInEngagement(actor, CoachingSession, input.sessionId, engagement.id, 'sessionId');
    if (input.goalId) await this.assertInEngagement(actor, Goal, input.goalId, engagement.id, 'goalId');
    const item = await this.db.manager.save(
      ActionItem,
      this.db.manager.create(ActionItem, {
        practiceId: engagement.practiceId,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        sessionId: input.sessionId ?? null,
        goalId: input.goalId ?? null,
        title: input.title,
        details: input.details || null,
        dueDate: input.dueDate ?? null,
        status: 'OPEN',
        createdById: actor.userId,
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'action_item.created', 'ActionItem', item.id, {
      engagementId: engagement.id,
      sessionId: item.sessionId,
      goalId: item.goalId,
    });
    return item;
  }

  async update(actor: Actor, id: string, input: UpdateActionItemInput): Promise<ActionItem> {
    const item = await this.get(actor, id);
    const changes: Partial<ActionItem> = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.details !== undefined) changes.details = input.details || null;
    if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
    if (Object.keys(changes).length) await this.db.manager.update(ActionItem, { id }, changes);
    await this.audit.record(actor, actor.practiceId, 'action_item.updated', 'ActionItem', id, { fields: Object.keys(changes) });
    if ('dueDate' in changes) await this.events.actionItemsChanged(item.clientId);
    return this.db.manager.findOneByOrFail(ActionItem, { id });
  }

  async complete(actor: Actor, id: string): Promise<ActionItem> {
    return this.transition(actor, await this.get(actor, id), ['OPEN'], 'DONE', 'completed');
  }

  /** Staff may undo any completion; a client only one they made themselves. Only staff bring back what was dropped. */
  async reopen(actor: Actor, id: string): Promise<ActionItem> {
    const item = await this.get(actor, id);
    if (item.status === 'DROPPED' && !isStaff(actor)) throw new ForbiddenError('Only your coach can reopen a dropped action item');
    if (item.status === 'DONE' && !isStaff(actor) && item.completedById !== actor.userId) {
      throw new ConflictError('Your coach marked this action item done; ask them if it should be reopened');
    }
    return this.transition(actor, item, ['DONE', 'DROPPED'], 'OPEN', 'reopened');
  }

  async drop(actor: Actor, id: string): Promise<ActionItem> {
    return this.transition(actor, await this.get(actor, id), ['OPEN'], 'DROPPED', 'dropped');
  }

  async addComment(actor: Actor, actionItemId: string, body: string): Promise<ActionItemComment> {
    const item = await this.get(actor, actionItemId);
    const comment = await this.db.manager.save(
      ActionItemComment,
      this.db.manager.create(ActionItemComment, {
        practiceId: item.practiceId,
        clientId: item.clientId,
        actionItemId: item.id,
        authorId: actor.userId,
        body,
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'action_item.commented', 'ActionItem', item.id, {
      commentId: comment.id,
      length: body.length,
    });
    // Whoever answers has read the thread up to their answer.
    await this.recordReadPoint(item, actor.userId);
    return comment;
  }

  /** Staff or the client: the viewer has read every comment on the item so far (unreadCommentCount drops to 0 for them). */
  async markCommentsRead(actor: Actor, actionItemId: string): Promise<ActionItem> {
    const item = await this.get(actor, actionItemId);
    await this.recordReadPoint(item, actor.userId);
    await this.audit.record(actor, actor.practiceId, 'action_item.comments_read', 'ActionItem', item.id);
    return item;
  }

  /**
   * The read point is the newest comment's time (database time, as comments are stamped), never
   * moved back; with no comment yet, now.
   */
  private async recordReadPoint(item: ActionItem, userId: string): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO action_item_comment_read (user_id, action_item_id, practice_id, client_id, read_at)
       SELECT $1, $2, $3, $4, coalesce((SELECT max(c.created_at) FROM action_item_comment c WHERE c.action_item_id = $2), now())
       ON CONFLICT (user_id, action_item_id) DO UPDATE SET read_at = greatest(action_item_comment_read.read_at, EXCLUDED.read_at)`,
      [userId, item.id, item.practiceId, item.clientId],
    );
  }

  /** The status check is part of the UPDATE, so of two concurrent transitions only one succeeds. */
  private async transition(
    actor: Actor,
    item: ActionItem,
    from: ActionItemStatus[],
    to: ActionItemStatus,
    verb: string,
  ): Promise<ActionItem> {
    const done = to === 'DONE';
    const { affected } = await this.db.manager.update(
      ActionItem,
      { id: item.id, status: In(from) },
      { status: to, completedAt: done ? this.clock.now() : null, completedById: done ? actor.userId : null },
    );
    if (!affected) throw new ConflictError(`Only ${from.join(' or ')} action items can be ${verb}`);
    await this.audit.record(actor, actor.practiceId, `action_item.${verb}`, 'ActionItem', item.id, { from: item.status });
    await this.events.actionItemsChanged(item.clientId);
    return this.db.manager.findOneByOrFail(ActionItem, { id: item.id });
  }

  /** Out of reach or in another engagement: the same answer, so ids of other records leak nothing. */
  private async assertInEngagement(
    actor: Actor,
    entity: typeof CoachingSession | typeof Goal,
    id: string,
    engagementId: string,
    field: string,
  ): Promise<void> {
    const exists = await this.scope
      .query(actor, entity, 'r')
      .andWhere('r.id = :id AND r.engagement_id = :engagementId', { id, engagementId })
      .getExists();
    if (!exists) throw new BadUserInputError(`${field} is not part of this engagement`, field);
  }
}
