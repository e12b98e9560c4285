import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Engagement } from './engagement.entity.js';
import { EngagementResolver } from './engagement.resolver.js';
import { EngagementService } from './engagement.service.js';

/** Engagements and their cadence. The rolling session plan has a module of its own (SessionHorizonModule), for the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Engagement])],
  providers: [EngagementService, EngagementResolver],
  exports: [EngagementService],
})
export class EngagementModule {}
