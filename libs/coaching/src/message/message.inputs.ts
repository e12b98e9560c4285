import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';
import { PageArgs } from '../common/pagination.js';
import { Trim } from '../common/validation.js';

/** A message's longest body, in characters (a long email, not a document). */
export const MAX_MESSAGE = 10_000;

@InputType()
export class SendMessageInput {
  @Field(() => ID, { description: 'The engagement whose conversation it joins.' })
  @IsUUID()
  engagementId!: string;

  @Field({ description: `Plain text, 1 to ${MAX_MESSAGE.toLocaleString('en')} characters once trimmed.` })
  @Trim()
  @IsString()
  @Length(1, MAX_MESSAGE, { message: `body must be 1 to ${MAX_MESSAGE} characters (not only white space)` })
  body!: string;
}

@ArgsType()
export class MessagesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;
}
