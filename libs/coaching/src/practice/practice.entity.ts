import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A coaching practice: the tenant every other record belongs to. */
@Entity({ name: 'practice' })
export class Practice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA zone used when a client or coach has none of their own. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /** Minutes before a session when reminders go out, unless a client overrides them. */
  @Column({ name: 'reminder_offsets_minutes', type: 'integer', array: true, default: () => "'{2880,120}'" })
  reminderOffsetsMinutes!: number[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
