import { Column, CreateDateColumn, Entity, ForeignKey, Unique } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

/** The sections of a career management plan as saved at one moment; never edited, only superseded. */
@Entity({ name: 'career_plan_revision' })
@Unique('career_plan_revision_career_plan_id_number_key', ['careerPlanId', 'number'])
export class CareerPlanRevision extends ClientOwnedEntity {
  @Column({ name: 'career_plan_id', type: 'uuid' })
  @ForeignKey('career_plan', { onDelete: 'CASCADE' })
  careerPlanId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'strengths_inventory', type: 'text', default: '' })
  strengthsInventory!: string;

  @Column({ name: 'gaps_and_threats', type: 'text', default: '' })
  gapsAndThreats!: string;

  @Column({ name: 'direction_and_opportunities', type: 'text', default: '' })
  directionAndOpportunities!: string;

  @Column({ name: 'market_analysis', type: 'text', default: '' })
  marketAnalysis!: string;

  @Column({ name: 'compensation_plan', type: 'text', default: '' })
  compensationPlan!: string;

  @Column({ name: 'strategy_and_timetable', type: 'text', default: '' })
  strategyAndTimetable!: string;

  @Column({ name: 'branding_and_networking', type: 'text', default: '' })
  brandingAndNetworking!: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  authorId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
