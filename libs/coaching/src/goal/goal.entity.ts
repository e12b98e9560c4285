import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type GoalCategory = 'CAREER' | 'FINANCIAL' | 'LEARNING' | 'NETWORK' | 'LIFE';
export type GoalHorizon = 'ONE_YEAR' | 'THREE_YEARS' | 'FIVE_YEARS' | 'TEN_YEARS';

/** A goal with a measurable metric: progress runs from the baseline to the target. */
@Entity({ name: 'goal' })
@Check('goal_category_check', `category IN ('CAREER', 'FINANCIAL', 'LEARNING', 'NETWORK', 'LIFE')`)
@Check('goal_horizon_check', `horizon IN ('ONE_YEAR', 'THREE_YEARS', 'FIVE_YEARS', 'TEN_YEARS')`)
@Check('goal_check', `metric_target <> metric_baseline`)
@Check('goal_shared_with_sponsor_check', `shared_with_sponsor_by IS NULL OR shared_with_sponsor_at IS NOT NULL`)
@Index('goal_engagement_idx', ['engagementId', 'createdAt'])
@Index('goal_client_idx', ['clientId'])
@Index('goal_shared_with_sponsor_by_idx', ['sharedWithSponsorById'])
export class Goal extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: GoalCategory;

  @Column({ type: 'varchar', length: 16 })
  horizon!: GoalHorizon;

  @Column({ name: 'target_date', type: 'date', nullable: true })
  targetDate!: string | null;

  @Column({ name: 'metric_name', type: 'varchar', length: 200 })
  metricName!: string;

  @Column({ name: 'metric_unit', type: 'varchar', length: 50 })
  metricUnit!: string;

  @Column({ name: 'metric_baseline', type: 'double precision' })
  metricBaseline!: number;

  @Column({ name: 'metric_target', type: 'double precision' })
  metricTarget!: number;

  /** When the client agreed to show this goal in the sponsor report; null: private to coach and client. */
  @Column({ name: 'shared_with_sponsor_at', type: 'timestamptz', nullable: true })
  sharedWithSponsorAt!: Date | null;

  /** The client user who agreed (consent is the client's alone). */
  @Column({ name: 'shared_with_sponsor_by', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  sharedWithSponsorById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
