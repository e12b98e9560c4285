import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MAX_EMAIL, MAX_NAME, NormalizeEmail, Trim } from '../common/validation.js';

@InputType()
export class SponsorInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  organisation!: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  contactName!: string;

  @Field()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(MAX_EMAIL)
  contactEmail!: string;
}

@InputType()
export class UpdateSponsorInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  organisation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, MAX_NAME)
  contactName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(MAX_EMAIL)
  contactEmail?: string;
}
