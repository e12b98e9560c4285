import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityReadPoint } from './activity-read-point.entity.js';
import { TodayResolver } from './today.resolver.js';
import { TodayService } from './today.service.js';

/** A coach's home page: today's and this week's sessions, clients needing attention, recent client activity. */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityReadPoint])],
  providers: [TodayService, TodayResolver],
})
export class TodayModule {}
