import { Column, CreateDateColumn, Entity } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

/** One per engagement; its content lives in numbered revisions. */
@Entity({ name: 'career_plan' })
export class CareerPlan extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
