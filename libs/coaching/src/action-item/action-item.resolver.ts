import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor } from '../access/actor.js';
import type { LoadersContext } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { connectionNodeFields, nodeProperties } from '../common/node-selection.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import { CoachingSessionModel } from '../session/coaching-session.model.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import type { ActionItemComment } from './action-item-comment.entity.js';
import type { ActionItem } from './action-item.entity.js';
import {
  ActionItemsArgs,
  AddActionItemCommentArgs,
  CreateActionItemInput,
  MyActionItemsArgs,
  UpdateActionItemInput,
} from './action-item.inputs.js';
import { ActionItemCommentModel, ActionItemConnection, ActionItemModel } from './action-item.model.js';
import { ACTION_ITEM_LIST_ALWAYS, ACTION_ITEM_NODE_FIELDS } from './action-item.columns.js';
import { ActionItemService } from './action-item.service.js';
import { isOverdue, overdueRead } from './overdue.js';
import { IdArg } from '../common/id-arg.js';

@Resolver(() => ActionItemModel)
export class ActionItemResolver {
  constructor(private readonly actionItemService: ActionItemService) {}

  @Query(() => ActionItemConnection, { description: 'Action items you can see (a client: their own), by due date, undated last.' })
  actionItems(@CurrentActor() actor: Actor, @Args() args: ActionItemsArgs, @Info() info: GraphQLResolveInfo) {
    return this.actionItemService.list(actor, args.filter, args.first, args.after, listRead(info));
  }

  @Query(() => ActionItemConnection, { description: "A client's own action items (for coaches and owners: all they can see)." })
  myActionItems(@CurrentActor() actor: Actor, @Args() args: MyActionItemsArgs, @Info() info: GraphQLResolveInfo) {
    return this.actionItemService.list(actor, { status: args.status }, args.first, args.after, listRead(info));
  }

  @Query(() => ActionItemModel)
  actionItem(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<ActionItem> {
    return this.actionItemService.get(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ActionItemModel)
  createActionItem(@CurrentActor() actor: Actor, @Args('input') input: CreateActionItemInput): Promise<ActionItem> {
    return this.actionItemService.create(actor, input);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ActionItemModel)
  updateActionItem(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateActionItemInput): Promise<ActionItem> {
    return this.actionItemService.update(actor, id, input);
  }

  @Mutation(() => ActionItemModel, { description: 'OPEN → DONE; the client may complete their own items.' })
  completeActionItem(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<ActionItem> {
    return this.actionItemService.complete(actor, id);
  }

  @Mutation(() => ActionItemModel, { description: 'DONE or DROPPED → OPEN; a client may reopen only what they completed.' })
  reopenActionItem(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<ActionItem> {
    return this.actionItemService.reopen(actor, id);
  }

  @Roles('OWNER', 'COACH')
  @Mutation(() => ActionItemModel, { description: 'OPEN → DROPPED.' })
  dropActionItem(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<ActionItem> {
    return this.actionItemService.drop(actor, id);
  }

  @Mutation(() => ActionItemModel, {
    description: "Staff or the client: the item's comments so far are read for you (its unreadCommentCount becomes 0).",
  })
  markActionItemCommentsRead(
    @CurrentActor() actor: Actor,
    @Args('actionItemId', { type: () => ID }) actionItemId: string,
  ): Promise<ActionItem> {
    return this.actionItemService.markCommentsRead(actor, actionItemId);
  }

  @Mutation(() => ActionItemCommentModel, { description: 'The client, their coach or an owner adds to the discussion of the item.' })
  addActionItemComment(@CurrentActor() actor: Actor, @Args() args: AddActionItemCommentArgs): Promise<ActionItemComment> {
    return this.actionItemService.addComment(actor, args.actionItemId, args.body);
  }

  // The field resolvers here take GraphQL's own (parent, args, context) and no parameter decorators:
  // Nest then calls them directly instead of building an execution context per field.

  @ResolveField(() => Boolean, { description: "OPEN and due before today in the client's time zone." })
  isOverdue(item: ActionItem, _args: unknown, { loaders }: LoadersContext): boolean | Promise<boolean> {
    if (item.status !== 'OPEN' || item.dueDate === null) return false;
    const read = overdueRead(item);
    if (read !== undefined) return read;
    return loaders
      .byId(Client)
      .load(item.clientId)
      .then((client) => isOverdue(item, client?.timeZone ?? 'UTC'));
  }

  @ResolveField(() => EngagementModel)
  engagement(item: ActionItem, _args: unknown, { loaders }: LoadersContext): Promise<Engagement | null> {
    return loaders.byId(Engagement).load(item.engagementId);
  }

  @ResolveField(() => CoachingSessionModel, { nullable: true, description: 'The session it was agreed in.' })
  session(item: ActionItem, _args: unknown, { loaders }: LoadersContext): Promise<CoachingSession | null> | null {
    return item.sessionId ? loaders.byId(CoachingSession).load(item.sessionId) : null;
  }

  @ResolveField(() => ClientModel)
  client(item: ActionItem, _args: unknown, { loaders }: LoadersContext): Promise<Client | null> {
    return loaders.byId(Client).load(item.clientId);
  }

  @ResolveField(() => [ActionItemCommentModel], { description: 'Oldest first.' })
  comments(item: ActionItem, _args: unknown, { loaders }: LoadersContext): Promise<ActionItemComment[]> {
    return loaders.commentsByActionItem.load(item.id);
  }

  @ResolveField(() => Int, {
    description: 'Comments by the other side (for staff, the client; for the client, their coach) you have not read yet.',
  })
  unreadCommentCount(item: ActionItem, _args: unknown, { loaders }: LoadersContext): Promise<number> {
    return loaders.unreadCommentCountByActionItem.load(item.id);
  }
}

/** What a list's nodes read: their columns (ACTION_ITEM_NODE_FIELDS), and whether isOverdue is asked (read in the list's statement). */
function listRead(info: GraphQLResolveInfo): { properties: string[] | null; overdue: boolean } {
  const fields = connectionNodeFields(info);
  return { properties: nodeProperties(fields, ACTION_ITEM_NODE_FIELDS, ACTION_ITEM_LIST_ALWAYS), overdue: fields.has('isOverdue') };
}

@Resolver(() => ActionItemCommentModel)
export class ActionItemCommentResolver {
  @ResolveField(() => UserModel, { nullable: true, description: 'Null once the author is deleted or when out of your reach.' })
  author(comment: ActionItemComment, _args: unknown, { loaders }: LoadersContext): Promise<User | null> | null {
    return comment.authorId ? loaders.byId(User).load(comment.authorId) : null;
  }
}

@Resolver(() => CoachingSessionModel)
export class SessionActionItemsResolver {
  @ResolveField(() => [ActionItemModel], { description: 'Action items agreed in this session.' })
  actionItems(session: CoachingSession, _args: unknown, { loaders }: LoadersContext): Promise<ActionItem[]> {
    return loaders.actionItemsBySession.load(session.id);
  }
}
