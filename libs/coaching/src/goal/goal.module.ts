import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GoalCheckIn } from './goal-check-in.entity.js';
import { Goal } from './goal.entity.js';
import { EngagementGoalsResolver, GoalCheckInResolver, GoalResolver } from './goal.resolver.js';
import { GoalService } from './goal.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Goal, GoalCheckIn])],
  providers: [GoalService, GoalResolver, GoalCheckInResolver, EngagementGoalsResolver],
})
export class GoalModule {}
