import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsEmailAddress, IsIanaTimeZone, IsShortText } from '../common/validation.js';

const PASSWORD = { min: 10, max: 200 };

@InputType()
export class SignUpInput {
  @Field()
  @IsShortText()
  practiceName!: string;

  @Field()
  @IsShortText()
  name!: string;

  @Field()
  @IsEmailAddress()
  email!: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @Length(PASSWORD.min, PASSWORD.max)
  password!: string;

  @Field({ description: 'IANA time zone of the practice and its owner.' })
  @IsIanaTimeZone()
  timeZone!: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field()
  @IsString()
  @Length(1, PASSWORD.max)
  password!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field()
  @IsString()
  @Length(20, 200)
  token!: string;

  @Field()
  @IsString()
  @Length(PASSWORD.min, PASSWORD.max)
  password!: string;
}

@InputType()
export class AcceptInviteInput {
  @Field()
  @IsString()
  @Length(20, 200)
  token!: string;

  @Field()
  @IsString()
  @Length(PASSWORD.min, PASSWORD.max)
  password!: string;

  @Field({ nullable: true, description: 'Defaults to the name on the invite.' })
  @IsOptional()
  @IsShortText()
  name?: string;
}

@InputType()
export class InviteCoachInput {
  @Field()
  @IsShortText()
  name!: string;

  @Field()
  @IsEmailAddress()
  email!: string;

  @Field()
  @IsIanaTimeZone()
  timeZone!: string;
}
