import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * How far a coach has seen their clients' activity on "Today": events after seen_up_to are
 * unread for them. One row per staff user; practice_id puts it under the practice like every row.
 */
@Entity({ name: 'activity_read_point' })
@Index('activity_read_point_practice_idx', ['practiceId'])
export class ActivityReadPoint {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  userId!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  @ForeignKey('practice', { onDelete: 'CASCADE' })
  practiceId!: string;

  @Column({ name: 'seen_up_to', type: 'timestamptz' })
  seenUpTo!: Date;
}
