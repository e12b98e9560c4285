import { Field, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../user/user.model.js';

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`; valid for 15 minutes.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Exchange with `refresh` for a new pair; each can be used once.' })
  refreshToken!: string;

  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType()
export class InvitePayload {
  @Field({ description: 'The link the invitee opens; also emailed to them.' })
  inviteUrl!: string;

  @Field()
  expiresAt!: Date;
}
