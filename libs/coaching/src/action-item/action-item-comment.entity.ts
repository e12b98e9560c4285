import { Column, CreateDateColumn, Entity } from 'typeorm';
import { ClientOwnedEntity } from '../common/tenant-entity.js';

@Entity({ name: 'action_item_comment' })
export class ActionItemComment extends ClientOwnedEntity {
  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId!: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'varchar', length: 4000 })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
