import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination.js';

/** details and actor are resolved fields. */
@ObjectType('AuditEvent', { description: 'Who did what to which record, and when.' })
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'e.g. goal.created' })
  action!: string;

  @Field({ description: 'e.g. Goal' })
  entityType!: string;

  @Field(() => ID, { nullable: true })
  entityId!: string | null;

  @Field()
  occurredAt!: Date;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}
