import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

/**
 * Someone in the client's network they mean to keep in touch with, kept by the client and their
 * coach (never shown to a sponsor). Dates are the client's local dates.
 */
@Entity({ name: 'networking_contact' })
@Index('networking_contact_client_idx', ['clientId', 'nextFollowUpDate'])
export class NetworkingContact extends ClientOwnedEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisation!: string | null;

  @Column({ name: 'how_met', type: 'varchar', length: 500, nullable: true })
  howMet!: string | null;

  @Column({ name: 'last_contact_date', type: 'date', nullable: true })
  lastContactDate!: string | null;

  @Column({ name: 'next_follow_up_date', type: 'date', nullable: true })
  nextFollowUpDate!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
