import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type ActionItemStatus = 'OPEN' | 'DONE' | 'DROPPED';

/** A short-term commitment agreed with the client, reviewed at every session. */
@Entity({ name: 'action_item' })
@Check('action_item_status_check', `status IN ('OPEN', 'DONE', 'DROPPED')`)
@Index('action_item_client_idx', ['clientId', 'status', 'dueDate'])
@Index('action_item_engagement_idx', ['engagementId'])
@Index('action_item_session_idx', ['sessionId'])
@Index('action_item_goal_idx', ['goalId'])
export class ActionItem extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  @ForeignKey('coaching_session', { onDelete: 'SET NULL' })
  sessionId!: string | null;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  @ForeignKey('goal', { onDelete: 'SET NULL' })
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
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  createdById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
