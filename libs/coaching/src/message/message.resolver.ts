import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import type { LoadersContext } from '../access/loaders.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import { User } from '../user/user.entity.js';
import { UserModel } from '../user/user.model.js';
import type { Message } from './message.entity.js';
import { MessagesArgs, SendMessageInput } from './message.inputs.js';
import { MessageConnection, MessageModel } from './message.model.js';
import { MessageService } from './message.service.js';

@Resolver(() => MessageModel)
export class MessageResolver {
  constructor(private readonly messageService: MessageService) {}

  @Query(() => MessageConnection, { description: "An engagement's conversation between the coach and the client, newest first." })
  messages(@CurrentActor() actor: Actor, @Args() args: MessagesArgs) {
    return this.messageService.list(actor, args.engagementId, args.first, args.after);
  }

  @Query(() => Int, {
    description:
      'Messages by the other side (for staff, their clients; for a client, their coach) you have not read yet, in every conversation you can see.',
  })
  unreadMessageCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.messageService.unreadCount(actor);
  }

  @Mutation(() => MessageModel, {
    description: 'The client or their coach writes in the engagement’s conversation; the other side is emailed (batched).',
  })
  sendMessage(@CurrentActor() actor: Actor, @Args('input') input: SendMessageInput): Promise<Message> {
    return this.messageService.post(actor, input.engagementId, input.body);
  }

  @Mutation(() => EngagementModel, {
    description: "The conversation's messages so far are read for you (its unreadMessageCount becomes 0).",
  })
  markMessagesRead(@CurrentActor() actor: Actor, @Args('engagementId', { type: () => ID }) engagementId: string): Promise<Engagement> {
    return this.messageService.markRead(actor, engagementId);
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'Null once the author is deleted or when out of your reach.' })
  author(message: Message, _args: unknown, { loaders }: LoadersContext): Promise<User | null> | null {
    return message.authorId ? loaders.byId(User).load(message.authorId) : null;
  }
}

@Resolver(() => EngagementModel)
export class EngagementMessagesResolver {
  @ResolveField(() => Int, { description: 'Messages of its conversation by the other side that you have not read yet.' })
  unreadMessageCount(engagement: Engagement, _args: unknown, { loaders }: LoadersContext): Promise<number> {
    return loaders.unreadMessageCountByEngagement.load(engagement.id);
  }
}
