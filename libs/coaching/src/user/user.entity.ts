import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

export type UserRole = 'OWNER' | 'COACH' | 'CLIENT';
export const USER_ROLES: readonly UserRole[] = ['OWNER', 'COACH', 'CLIENT'];

/** Anyone who logs in: an owner (also a coach), a coach, or a client who accepted an invite. */
@Entity({ name: 'app_user' })
@Check('app_user_role_check', `role IN ('OWNER', 'COACH', 'CLIENT')`)
// UNIQUE (lower(email)), an expression index: declared in the migration.
@Index('app_user_email_key', { synchronize: false })
@Index('app_user_practice_idx', ['practiceId', 'role'])
export class User extends TenantEntity {
  /** Stored lower-case; unique across Tandem. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
