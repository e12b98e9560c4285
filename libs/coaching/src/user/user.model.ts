import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UserRoleEnum } from '../common/enums.js';
import type { UserRole } from './user.entity.js';

@ObjectType('User', { description: 'Someone who logs in: an owner, a coach or a client.' })
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field(() => UserRoleEnum)
  role!: UserRole;

  @Field({ description: 'IANA time zone, e.g. Europe/London' })
  timeZone!: string;
}
