import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';

@ObjectType('Sponsor', { description: 'An employer paying for coaching.' })
export class SponsorModel {
  @Field(() => ID)
  id!: string;

  @Field()
  organisation!: string;

  @Field()
  contactName!: string;

  @Field()
  contactEmail!: string;

  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;
}

@ObjectType()
export class SponsorConnection extends Connection(SponsorModel, 'Sponsor') {}
