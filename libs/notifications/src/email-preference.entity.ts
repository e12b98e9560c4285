import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '#tandem/coaching';
import type { NotificationKind } from './notification.entity.js';

/** What one address in one practice wants to receive. No row means the defaults. */
@Entity({ name: 'email_preference' })
@Check('email_preference_check', `(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)`)
// UNIQUE (practice_id, lower(email)), an expression index: declared in the migration.
@Index('email_preference_key', { synchronize: false })
export class EmailPreference extends TenantEntity {
  /** Stored lower-case. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'disabled_kinds', type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  disabledKinds!: NotificationKind[];

  /** One-click unsubscribe from everything that is not transactional. */
  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  /** 'HH:mm' in the recipient's zone; a window may cross midnight (22:00–07:00). */
  @Column({ name: 'quiet_hours_start', type: 'char', length: 5, nullable: true })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'char', length: 5, nullable: true })
  quietHoursEnd!: string | null;

  /** Coaches opt in to receiving their sessions' reminders too. */
  @Column({ name: 'coach_session_reminders', type: 'boolean', default: false })
  coachSessionReminders!: boolean;

  /** Set by a permanent SMTP rejection; non-transactional mail stops until the address changes or is re-confirmed. */
  @Column({ name: 'suppressed_at', type: 'timestamptz', nullable: true })
  suppressedAt!: Date | null;

  @Column({ name: 'suppression_reason', type: 'varchar', length: 1000, nullable: true })
  suppressionReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
