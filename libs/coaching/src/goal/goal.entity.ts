import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type GoalCategory = 'CAREER' | 'FINANCIAL' | 'LEARNING' | 'NETWORK' | 'LIFE';
export type GoalHorizon = 'ONE_YEAR' | 'THREE_YEARS' | 'FIVE_YEARS' | 'TEN_YEARS';

/** A goal with a measurable metric: progress runs from the baseline to the target. */
@Entity({ name: 'goal' })
@Index('goal_shared_with_sponsor_by_idx', ['sharedWithSponsorById'])
export class Goal extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
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
  sharedWithSponsorById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
