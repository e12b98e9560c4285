import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

export type UserTokenKind = 'CLIENT_INVITE' | 'COACH_INVITE' | 'PASSWORD_RESET';

/** A one-time, expiring token sent by email (invites, password resets); stored only as its SHA-256. */
@Entity({ name: 'user_token' })
// An expression index (coalesce(used_at, expires_at)) for the retention purge: declared in the migration.
@Index('user_token_spent_idx', { synchronize: false })
export class UserToken extends TenantEntity {
  @Column({ type: 'varchar', length: 24 })
  kind!: UserTokenKind;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
