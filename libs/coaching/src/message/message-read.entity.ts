import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * How far one user has read an engagement's conversation: messages created after read_at are
 * unread for them. practice_id and client_id put the row under Scope's rules like the messages.
 */
@Entity({ name: 'message_read' })
@Index('message_read_engagement_idx', ['engagementId'])
@Index('message_read_client_idx', ['clientId'])
@Index('message_read_practice_idx', ['practiceId'])
export class MessageRead {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ name: 'engagement_id', type: 'uuid' })
  @ForeignKey('engagement', { onDelete: 'CASCADE' })
  engagementId!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  @ForeignKey('practice', { onDelete: 'CASCADE' })
  practiceId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  @ForeignKey('client', { onDelete: 'CASCADE' })
  clientId!: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
