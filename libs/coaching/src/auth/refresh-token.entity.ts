import { Column, CreateDateColumn, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

/** A refresh token, stored only as its SHA-256; rotating replaces it with a new one of the same family. */
@Entity({ name: 'refresh_token' })
@Unique('refresh_token_token_hash_key', ['tokenHash'])
@Index('refresh_token_user_idx', ['userId'])
@Index('refresh_token_family_idx', ['familyId'])
// The retention purge's scan (migration RetentionIndexes).
@Index('refresh_token_expires_idx', ['expiresAt'])
export class RefreshToken extends TenantEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  userId!: string;

  /** All tokens descended from one log-in; reuse of a rotated token revokes the whole family. */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
