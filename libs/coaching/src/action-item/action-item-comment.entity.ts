import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

@Entity({ name: 'action_item_comment' })
@Index('action_item_comment_item_idx', ['actionItemId', 'createdAt'])
export class ActionItemComment extends ClientOwnedEntity {
  @Column({ name: 'action_item_id', type: 'uuid' })
  @ForeignKey('action_item', { onDelete: 'CASCADE' })
  actionItemId!: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { onDelete: 'SET NULL' })
  authorId!: string | null;

  @Column({ type: 'varchar', length: 4000 })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
