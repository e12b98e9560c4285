import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Hits of one action by one subject (`ip:…` or `to:…`) in one fixed window; shared by every API replica. */
@Entity({ name: 'rate_limit_counter' })
// The purge of windows long past.
@Index('rate_limit_counter_window_start_idx', ['windowStart'])
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  action!: string;

  @PrimaryColumn({ type: 'varchar', length: 400 })
  subject!: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
