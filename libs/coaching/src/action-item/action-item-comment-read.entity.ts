import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * How far one user has read an action item's comments: those created after read_at are unread
 * for them. practice_id and client_id put the row under Scope's rules like the item itself.
 */
@Entity({ name: 'action_item_comment_read' })
@Index('action_item_comment_read_item_idx', ['actionItemId'])
@Index('action_item_comment_read_client_idx', ['clientId'])
@Index('action_item_comment_read_practice_idx', ['practiceId'])
export class ActionItemCommentRead {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  @ForeignKey('action_item', { onDelete: 'CASCADE' })
  actionItemId!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  @ForeignKey('practice', { onDelete: 'CASCADE' })
  practiceId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  @ForeignKey('client', { onDelete: 'CASCADE' })
  clientId!: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
