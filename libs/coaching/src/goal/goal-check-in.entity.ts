import { Column, CreateDateColumn, Entity } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

@Entity({ name: 'goal_check_in' })
export class GoalCheckIn extends ClientOwnedEntity {
  @Column({ name: 'goal_id', type: 'uuid' })
  goalId!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
