import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';
import type { MessageSource } from './message.entity.js';

export const MessageSourceEnum = { WEB: 'WEB', EMAIL: 'EMAIL' } as const satisfies Record<MessageSource, MessageSource>;
registerEnumType(MessageSourceEnum, { name: 'MessageSource', description: 'Written in the web app, or a reply by email.' });

@ObjectType('Message', { description: "One message of an engagement's conversation between the coach and the client." })
export class MessageModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  engagementId!: string;

  @Field({ description: 'Plain text as written (render it escaped).' })
  body!: string;

  @Field(() => MessageSourceEnum)
  source!: MessageSource;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class MessageConnection extends Connection(MessageModel, 'Message') {}
