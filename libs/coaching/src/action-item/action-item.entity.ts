import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type ActionItemStatus = 'OPEN' | 'DONE' | 'DROPPED';

/** A short-term commitment agreed with the client, reviewed at every session. */
@Entity({ name: 'action_item' })
export class ActionItem extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId!: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ActionItemStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Who marked it done (null before this was recorded: counts as the coach). */
  @Column({ name: 'completed_by_id', type: 'uuid', nullable: true })
  completedById!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
