import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every log-in attempt, kept for rate limiting across API replicas. */
@Entity({ name: 'login_attempt' })
// (lower(email), attempted_at), an expression index: declared in the migration.
@Index('login_attempt_email_idx', { synchronize: false })
@Index('login_attempt_ip_idx', ['ip', 'attemptedAt'])
// The retention purge's scan (migration RetentionIndexes).
@Index('login_attempt_attempted_at_idx', ['attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ name: 'attempted_at', type: 'timestamptz', default: () => 'now()' })
  attemptedAt!: Date;
}
