import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type GoalCategory = 'CAREER' | 'FINANCIAL' | 'LEARNING' | 'NETWORK' | 'LIFE';
export type GoalHorizon = 'ONE_YEAR' | 'THREE_YEARS' | 'FIVE_YEARS' | 'TEN_YEARS';

/** A goal with a measurable metric: progress runs from the baseline to the target. */
@Entity({ name: 'goal' })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
