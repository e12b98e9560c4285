import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, Unique, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

export type ClientStatus = 'PROSPECT' | 'ACTIVE' | 'PAUSED' | 'ALUMNI';

/** A person being coached, on one coach's roster. */
@Entity({ name: 'client' })
@Check('client_status_check', `status IN ('PROSPECT', 'ACTIVE', 'PAUSED', 'ALUMNI')`)
@Unique('client_user_id_key', ['userId'])
// The roster: a practice's (or one coach's) clients in name order, paged by (name, id).
@Index('client_roster_idx', ['practiceId', 'coachId', 'name', 'id'])
@Index('client_practice_name_idx', ['practiceId', 'name', 'id'])
@Index('client_tags_idx', ['tags'], { type: 'gin' })
// UNIQUE (practice_id, lower(email)) WHERE archived_at IS NULL, an expression index: declared in the migration.
@Index('client_practice_email_key', { synchronize: false })
export class Client extends TenantEntity {
  /** The primary coach: a COACH sees only the clients whose coach they are. */
  @Column({ name: 'coach_id', type: 'uuid' })
  @ForeignKey('app_user')
  coachId!: string;

  /** The client's own log-in, once they accept an invite. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  userId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ClientStatus;

  @Column({ name: 'current_role', type: 'varchar', length: 200, nullable: true })
  currentRole!: string | null;

  @Column({ name: 'target_role', type: 'varchar', length: 200, nullable: true })
  targetRole!: string | null;

  @Column({ type: 'varchar', length: 50, array: true, default: () => "'{}'" })
  tags!: string[];

  /** Overrides the practice's reminder offsets for this client. */
  @Column({ name: 'reminder_offsets_minutes', type: 'integer', array: true, nullable: true })
  reminderOffsetsMinutes!: number[] | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
