import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, UpdateDateColumn } from 'typeorm';
import type { SessionPlanChange } from './session-plan.js';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type EngagementPhase = 'DISCOVER' | 'PLAN' | 'ACT';
export type EngagementStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'CANCELLED';

/**
 * A coaching contract. Its cadence is kept as the rule itself (local time + IANA
 * zone), never as UTC instants; sessions are materialised from it.
 */
@Entity({ name: 'engagement' })
@Check('engagement_phase_check', `phase IN ('DISCOVER', 'PLAN', 'ACT')`)
@Check('engagement_status_check', `status IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED')`)
@Check('engagement_check', `end_date IS NULL OR end_date >= start_date`)
@Check('engagement_sessions_allotted_check', `sessions_allotted IS NULL OR sessions_allotted > 0`)
@Check('engagement_session_minutes_check', `session_minutes BETWEEN 5 AND 600`)
@Check('engagement_cadence_frequency_check', `cadence_frequency IN ('MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'AD_HOC')`)
@Check('engagement_cadence_anchor_kind_check', `cadence_anchor_kind IN ('DAY_OF_MONTH', 'ORDINAL_WEEKDAY')`)
@Check('engagement_cadence_day_check', `cadence_day BETWEEN 1 AND 31`)
@Check('engagement_cadence_ordinal_check', `cadence_ordinal IN (-1, 1, 2, 3, 4)`)
@Check('engagement_cadence_weekday_check', `cadence_weekday BETWEEN 1 AND 7`)
@Index('engagement_client_idx', ['clientId', 'status'])
@Index('engagement_practice_idx', ['practiceId', 'status'])
@Index('engagement_coach_idx', ['coachId'])
@Index('engagement_sponsor_idx', ['sponsorId'])
@Index('engagement_planned_until_idx', ['plannedUntil'], { where: "status = 'ACTIVE'" })
export class Engagement extends ClientOwnedEntity {
  @Column({ name: 'coach_id', type: 'uuid' })
  @ForeignKey('app_user')
  coachId!: string;

  @Column({ name: 'sponsor_id', type: 'uuid', nullable: true })
  @ForeignKey('sponsor')
  sponsorId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  phase!: EngagementPhase;

  @Column({ type: 'varchar', length: 16 })
  status!: EngagementStatus;

  /** 'YYYY-MM-DD', a local date in the cadence's zone. */
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ name: 'sessions_allotted', type: 'integer', nullable: true })
  sessionsAllotted!: number | null;

  @Column({ name: 'session_minutes', type: 'integer' })
  sessionMinutes!: number;

  /** The standing video-call link; a session without its own link uses this one. */
  @Column({ name: 'meeting_url', type: 'varchar', length: 2000, nullable: true })
  meetingUrl!: string | null;

  @Column({ name: 'cadence_frequency', type: 'varchar', length: 16 })
  cadenceFrequency!: 'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUAL' | 'AD_HOC';

  @Column({ name: 'cadence_anchor_kind', type: 'varchar', length: 16 })
  cadenceAnchorKind!: 'DAY_OF_MONTH' | 'ORDINAL_WEEKDAY';

  @Column({ name: 'cadence_day', type: 'integer', nullable: true })
  cadenceDay!: number | null;

  @Column({ name: 'cadence_ordinal', type: 'integer', nullable: true })
  cadenceOrdinal!: number | null;

  @Column({ name: 'cadence_weekday', type: 'integer', nullable: true })
  cadenceWeekday!: number | null;

  /** 'HH:mm' wall-clock time in cadenceTimeZone. */
  @Column({ name: 'cadence_local_time', type: 'char', length: 5 })
  cadenceLocalTime!: string;

  @Column({ name: 'cadence_time_zone', type: 'varchar', length: 64 })
  cadenceTimeZone!: string;

  /** Sessions are planned up to this instant (null: never planned); the rolling top-up plans only after it. */
  @Column({ name: 'planned_until', type: 'timestamptz', nullable: true })
  plannedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Not stored: what a re-plan made in this request did to the sessions (Engagement.lastPlanChange). */
  lastPlanChange?: SessionPlanChange;
}
