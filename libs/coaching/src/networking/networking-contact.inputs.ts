import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/pagination.js';
import { IsCalendarDate, IsShortText, MAX_NAME, Trim } from '../common/validation.js';

export const MAX_HOW_MET = 500;
export const MAX_CONTACT_NOTES = 4000;

/** An optional one-line text of at most `max` characters, trimmed; null or '' clears it. */
function OptionalText(max: number, description?: string) {
  return (target: object, propertyName: string) => {
    MaxLength(max)(target, propertyName);
    IsString()(target, propertyName);
    IsOptional()(target, propertyName);
    Trim()(target, propertyName);
    Field(() => String, { nullable: true, description: `At most ${max} characters.${description ? ` ${description}` : ''}` })(
      target,
      propertyName,
    );
  };
}

function OptionalDate(description: string) {
  return (target: object, propertyName: string) => {
    IsCalendarDate()(target, propertyName);
    IsOptional()(target, propertyName);
    Field(() => String, { nullable: true, description })(target, propertyName);
  };
}

@InputType()
export class CreateContactInput {
  @Field(() => ID, { nullable: true, description: 'Whose contact: staff name the client; a client leaves it out (their own).' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @Field({ description: `1 to ${MAX_NAME} characters.` })
  @IsShortText()
  name!: string;

  @OptionalText(MAX_NAME)
  organisation?: string | null;

  @OptionalText(MAX_HOW_MET, 'Where or how they met.')
  howMet?: string | null;

  @OptionalDate("YYYY-MM-DD, the client's local date.")
  lastContactDate?: string | null;

  @OptionalDate("YYYY-MM-DD, the client's local date.")
  nextFollowUpDate?: string | null;

  @OptionalText(MAX_CONTACT_NOTES)
  notes?: string | null;
}

/** Fields left out stay as they are; null (or '' for text) clears an optional one. */
@InputType()
export class UpdateContactInput {
  // Not @IsOptional: that would let an explicit null through to a NOT NULL column.
  @Field({ nullable: true, description: `1 to ${MAX_NAME} characters.` })
  @ValidateIf((input: UpdateContactInput) => input.name !== undefined)
  @IsShortText()
  name?: string;

  @OptionalText(MAX_NAME)
  organisation?: string | null;

  @OptionalText(MAX_HOW_MET, 'Where or how they met.')
  howMet?: string | null;

  @OptionalDate("YYYY-MM-DD, the client's local date; null clears it.")
  lastContactDate?: string | null;

  @OptionalDate("YYYY-MM-DD, the client's local date; null clears it.")
  nextFollowUpDate?: string | null;

  @OptionalText(MAX_CONTACT_NOTES)
  notes?: string | null;
}

@InputType()
export class ContactFilter {
  @Field({ nullable: true, description: "true: only contacts whose next follow-up is today or earlier in the client's zone." })
  @IsOptional()
  @IsBoolean()
  followUpDue?: boolean;
}

@ArgsType()
export class ContactsArgs extends PageArgs {
  @Field(() => ContactFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactFilter)
  filter?: ContactFilter;
}

@ArgsType()
export class LogContactMadeArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the next follow-up (left out: unchanged; null: none).' })
  @IsOptional()
  @IsCalendarDate()
  nextFollowUpDate?: string | null;
}
