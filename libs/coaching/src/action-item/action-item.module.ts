import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionItemCommentRead } from './action-item-comment-read.entity.js';
import { ActionItemComment } from './action-item-comment.entity.js';
import { ActionItem } from './action-item.entity.js';
import { ActionItemCommentResolver, ActionItemResolver, SessionActionItemsResolver } from './action-item.resolver.js';
import { ActionItemService } from './action-item.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ActionItem, ActionItemComment, ActionItemCommentRead])],
  providers: [ActionItemService, ActionItemResolver, ActionItemCommentResolver, SessionActionItemsResolver],
})
export class ActionItemModule {}
