import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type CheckInAnswer = 'ON_TRACK' | 'STUCK' | 'NEED_HELP';
export const CHECK_IN_ANSWERS: readonly CheckInAnswer[] = ['ON_TRACK', 'STUCK', 'NEED_HELP'];

/**
 * The client's answer to a mid-cycle check-in: one per engagement and the session it follows,
 * so pressing a link twice (or two of them) records one answer.
 */
@Entity({ name: 'check_in' })
@Check('check_in_answer_check', `answer IN ('ON_TRACK', 'STUCK', 'NEED_HELP')`)
@Unique('check_in_engagement_session_key', ['engagementId', 'afterSessionId'])
// (client_id, answered_at DESC): @Index cannot say DESC, so declared in the migration.
@Index('check_in_client_idx', { synchronize: false })
@Index('check_in_practice_idx', ['practiceId'])
@Index('check_in_after_session_idx', ['afterSessionId'])
export class CheckIn extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  /** The held or scheduled session the check-in falls after. */
  @Column({ name: 'after_session_id', type: 'uuid' })
  @ForeignKey('coaching_session', { onDelete: 'CASCADE' })
  afterSessionId!: string;

  /** The client's local date the check-in was planned for (YYYY-MM-DD). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 16 })
  answer!: CheckInAnswer;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
