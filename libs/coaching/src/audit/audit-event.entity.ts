import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which record, and when. Never carries note or summary text. */
@Entity({ name: 'audit_event' })
// (practice_id, occurred_at DESC): @Index cannot say DESC, so declared in the migration.
@Index('audit_event_practice_idx', { synchronize: false })
@Index('audit_event_entity_idx', ['entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  @ForeignKey('practice', { onDelete: 'CASCADE' })
  practiceId!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
