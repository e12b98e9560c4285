import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, Unique, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '#tandem/coaching';

export type NotificationKind =
  | 'SESSION_REMINDER'
  | 'SESSION_PREP'
  | 'SESSION_CANCELLED'
  | 'ACCOUNTABILITY_NUDGE'
  | 'SESSION_SUMMARY'
  | 'COACH_DIGEST'
  | 'INVITE'
  | 'PASSWORD_RESET'
  | 'SIGN_UP'
  | 'ACCOUNT_EXISTS'
  | 'NEW_MESSAGES'
  | 'MID_CYCLE_CHECK_IN'
  | 'CHECK_IN_NEEDS_HELP';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'SESSION_REMINDER',
  'SESSION_PREP',
  'SESSION_CANCELLED',
  'ACCOUNTABILITY_NUDGE',
  'SESSION_SUMMARY',
  'COACH_DIGEST',
  'INVITE',
  'PASSWORD_RESET',
  'SIGN_UP',
  'ACCOUNT_EXISTS',
  'NEW_MESSAGES',
  'MID_CYCLE_CHECK_IN',
  'CHECK_IN_NEEDS_HELP',
];

/** Sent whatever the recipient's preferences and quiet hours: they answer something the user just did. */
export const TRANSACTIONAL_KINDS: readonly NotificationKind[] = ['INVITE', 'PASSWORD_RESET', 'SIGN_UP', 'ACCOUNT_EXISTS'];

/** Small, flat, never note text. */
export type NotificationData = Record<string, string | number | boolean | null>;

export type NotificationStatus = 'PENDING' | 'QUEUED' | 'SENT' | 'SKIPPED' | 'FAILED' | 'CANCELLED';

/** One email, planned. The row exists before any job does; the job only carries its id. */
@Entity({ name: 'notification' })
@Check('notification_kind_check', `kind IN (${NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
@Check('notification_status_check', `status IN ('PENDING', 'QUEUED', 'SENT', 'SKIPPED', 'FAILED', 'CANCELLED')`)
@Unique('notification_idempotency_key_key', ['idempotencyKey'])
// What the dispatcher scans: due PENDING rows, and QUEUED rows whose job may have been lost.
@Index('notification_due_idx', ['sendAt'], { where: "status = 'PENDING'" })
@Index('notification_queued_idx', ['queuedAt'], { where: "status = 'QUEUED'" })
@Index('notification_session_idx', ['sessionId'])
@Index('notification_recipient_user_idx', ['recipientUserId'])
// (client_id, created_at DESC) and (practice_id, created_at DESC): @Index cannot say DESC, so declared in the migration.
@Index('notification_client_idx', { synchronize: false })
@Index('notification_practice_idx', { synchronize: false })
// An expression index (practice_id, lower(recipient_email)) WHERE status = 'PENDING': declared in the migration.
@Index('notification_pending_recipient_idx', { synchronize: false })
// (updated_at) WHERE status IN ('SENT', 'SKIPPED', 'CANCELLED'), for the retention purge: declared in the migration.
@Index('notification_finished_idx', { synchronize: false })
export class Notification extends TenantEntity {
  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Column({ name: 'recipient_email', type: 'varchar', length: 320 })
  recipientEmail!: string;

  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  recipientUserId!: string | null;

  @Column({ name: 'recipient_time_zone', type: 'varchar', length: 64 })
  recipientTimeZone!: string;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  @ForeignKey('client', { onDelete: 'CASCADE' })
  clientId!: string | null;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  @ForeignKey('coaching_session', { onDelete: 'CASCADE' })
  sessionId!: string | null;

  /** The session version the email was planned for; a reschedule makes it stale. */
  @Column({ name: 'session_version', type: 'integer', nullable: true })
  sessionVersion!: number | null;

  /** Kind-specific details (e.g. the reminder offset); never note text. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: NotificationData;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt!: Date;

  /** The time it was planned for, while quiet hours have moved send_at later (null otherwise). */
  @Column({ name: 'planned_send_at', type: 'timestamptz', nullable: true })
  plannedSendAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Sends that failed after the message body went out: it may have arrived. */
  @Column({ name: 'ambiguous_attempts', type: 'integer', default: 0 })
  ambiguousAttempts!: number;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  /** Why it was skipped, cancelled or failed. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
