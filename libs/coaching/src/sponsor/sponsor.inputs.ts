import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsEmailAddress, IsShortText } from '../common/validation.js';

@InputType()
export class SponsorInput {
  @Field()
  @IsShortText()
  organisation!: string;

  @Field()
  @IsShortText()
  contactName!: string;

  @Field()
  @IsEmailAddress()
  contactEmail!: string;
}

@InputType()
export class UpdateSponsorInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  organisation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsShortText()
  contactName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmailAddress()
  contactEmail?: string;
}
