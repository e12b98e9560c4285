import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

@Entity({ name: 'goal_check_in' })
// (goal_id, recorded_at DESC) and (client_id, recorded_at DESC): @Index cannot say DESC, so declared in the migrations.
@Index('goal_check_in_goal_idx', { synchronize: false })
@Index('goal_check_in_client_idx', { synchronize: false })
export class GoalCheckIn extends ClientOwnedEntity {
  @Column({ name: 'goal_id', type: 'uuid' })
  @ForeignKey('goal', { onDelete: 'CASCADE' })
  goalId!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  recordedById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
