import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageRead } from './message-read.entity.js';
import { Message } from './message.entity.js';
import { EngagementMessagesResolver, MessageResolver } from './message.resolver.js';
import { MessageService } from './message.service.js';

/** Engagement conversations; MessageService is exported for the inbound mail receiver (replies by email). */
@Module({
  imports: [TypeOrmModule.forFeature([Message, MessageRead])],
  providers: [MessageService, MessageResolver, EngagementMessagesResolver],
  exports: [MessageService],
})
export class MessageModule {}
