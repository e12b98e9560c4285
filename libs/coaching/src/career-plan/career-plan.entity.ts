import { Column, CreateDateColumn, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

/** One per engagement; its content lives in numbered revisions. */
@Entity({ name: 'career_plan' })
@Unique('career_plan_engagement_id_key', ['engagementId'])
@Index('career_plan_client_idx', ['clientId'])
export class CareerPlan extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
