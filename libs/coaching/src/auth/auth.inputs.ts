import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsIanaTimeZone, MAX_EMAIL, MAX_NAME, NormalizeEmail, Trim } from '../common/validation.js';

const PASSWORD = { min: 10, max: 200 };

@InputType()
export class SignUpInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  practiceName!: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  name!: string;

  @Field()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(MAX_EMAIL)
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
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(MAX_EMAIL)
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
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  name?: string;
}

@InputType()
export class InviteCoachInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  name!: string;

  @Field()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(MAX_EMAIL)
  email!: string;

  @Field()
  @IsIanaTimeZone()
  timeZone!: string;
}
