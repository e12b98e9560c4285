import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../common/tenant-entity.js';

/** An employer paying for a client's coaching. Sees attendance and progress, never notes. */
@Entity({ name: 'sponsor' })
@Index('sponsor_practice_idx', ['practiceId', 'organisation', 'id'])
export class Sponsor extends TenantEntity {
  @Column({ type: 'varchar', length: 200 })
  organisation!: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 200 })
  contactName!: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 320 })
  contactEmail!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
