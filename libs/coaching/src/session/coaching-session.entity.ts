import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, Unique, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type SessionStatus = 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';
/** CADENCE: planned from the engagement's rule; AD_HOC: scheduled by hand outside it. */
export type SessionOrigin = 'CADENCE' | 'AD_HOC';

/** One coaching session. `privateNotes` is the coach's alone; `sharedSummary` reaches the client once published. */
@Entity({ name: 'coaching_session' })
@Check('coaching_session_duration_minutes_check', `duration_minutes BETWEEN 5 AND 600`)
@Check('coaching_session_status_check', `status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')`)
@Unique('coaching_session_engagement_id_sequence_key', ['engagementId', 'sequence'])
@Index('coaching_session_engagement_idx', ['engagementId', 'startsAt'])
@Index('coaching_session_calendar_idx', ['practiceId', 'startsAt'])
@Index('coaching_session_client_idx', ['clientId', 'startsAt'])
@Index('coaching_session_coach_idx', ['coachId', 'startsAt'])
// Two planners (a re-plan and the rolling top-up, or two workers) can never double a cadence session.
@Index('coaching_session_cadence_slot_key', ['engagementId', 'startsAt'], {
  unique: true,
  where: "status = 'SCHEDULED' AND origin = 'CADENCE' AND NOT manually_moved",
})
export class CoachingSession extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  @ForeignKey('app_user')
  coachId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  /** The IANA zone the session was planned in. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: SessionStatus;

  @Column({ name: 'meeting_url', type: 'varchar', length: 2000, nullable: true })
  meetingUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  agenda!: string | null;

  @Column({ name: 'private_notes', type: 'text', nullable: true })
  privateNotes!: string | null;

  @Column({ name: 'shared_summary', type: 'text', nullable: true })
  sharedSummary!: string | null;

  @Column({ name: 'summary_published_at', type: 'timestamptz', nullable: true })
  summaryPublishedAt!: Date | null;

  /** Grows with every reschedule; calendar invites use it as their SEQUENCE. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'manually_moved', type: 'boolean', default: false })
  manuallyMoved!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'CADENCE' })
  origin!: SessionOrigin;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
