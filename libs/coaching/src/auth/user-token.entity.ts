import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

export type UserTokenKind = 'CLIENT_INVITE' | 'COACH_INVITE' | 'PASSWORD_RESET' | 'SIGN_UP';

/**
 * A one-time, expiring token sent by email (invites, password resets, sign-up confirmations);
 * stored only as its SHA-256. A sign-up token holds the owner-to-be's name and password hash, a
 * coach invite the coach's name and zone: no account exists before the link is used.
 */
@Entity({ name: 'user_token' })
@Check('user_token_kind_check', `kind IN ('CLIENT_INVITE', 'COACH_INVITE', 'PASSWORD_RESET', 'SIGN_UP')`)
@Unique('user_token_token_hash_key', ['tokenHash'])
@Index('user_token_user_idx', ['userId'])
@Index('user_token_client_idx', ['clientId'])
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
  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  userId!: string | null;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  @ForeignKey('client', { onDelete: 'CASCADE' })
  clientId!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  createdById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
