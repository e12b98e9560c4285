import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

export type MessageSource = 'WEB' | 'EMAIL';

/** One message of an engagement's conversation between the coach and the client. */
@Entity({ name: 'message' })
@Check('message_source_check', `source IN ('WEB', 'EMAIL')`)
@Index('message_thread_idx', ['engagementId', 'createdAt', 'id'])
@Index('message_client_idx', ['clientId', 'createdAt'])
@Index('message_practice_idx', ['practiceId'])
@Index('message_author_idx', ['authorId'])
export class Message extends ClientOwnedEntity {
  @Column({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  authorId!: string | null;

  /** Plain text as written; rendered escaped everywhere. */
  @Column({ type: 'text' })
  body!: string;

  /** Written in the web app, or a reply by email (the inbound receiver). */
  @Column({ type: 'varchar', length: 8 })
  source!: MessageSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
