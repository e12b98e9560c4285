import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AccountRequestKind = 'SIGN_UP' | 'PASSWORD_RESET';

/** What a sign-up carries until the worker answers it; the password only as its hash. */
export interface SignUpDetails {
  practiceName: string;
  name: string;
  timeZone: string;
  passwordHash: string;
}

/**
 * A sign-up or password-reset request, written as it arrives and answered by the worker
 * (AccountRequests), so the answer and the work on the request path do not depend on whether
 * the address has an account. `details` is emptied once answered.
 */
@Entity({ name: 'account_request' })
@Check('account_request_kind_check', `kind IN ('SIGN_UP', 'PASSWORD_RESET')`)
@Index('account_request_pending_idx', ['createdAt'], { where: 'processed_at IS NULL' })
// An expression index (lower(email), created_at), for the per-address email limit: declared in the migration.
@Index('account_request_email_idx', { synchronize: false })
export class AccountRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: AccountRequestKind;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Partial<SignUpDetails>;

  /** What the worker did: CONFIRMATION_SENT, ACCOUNT_EXISTS, RESET_SENT, NO_ACCOUNT, TOO_MANY. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
