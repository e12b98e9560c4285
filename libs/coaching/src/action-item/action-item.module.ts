import { Module } from '@nestjs/common';
import { ActionItemCommentResolver, ActionItemResolver, SessionActionItemsResolver } from './action-item.resolver.js';
import { ActionItemService } from './action-item.service.js';

@Module({
  providers: [ActionItemService, ActionItemResolver, ActionItemCommentResolver, SessionActionItemsResolver],
})
export class ActionItemModule {}
