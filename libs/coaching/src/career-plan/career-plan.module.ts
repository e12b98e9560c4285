import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CareerPlanRevision } from './career-plan-revision.entity.js';
import { CareerPlan } from './career-plan.entity.js';
import { CareerPlanResolver, CareerPlanRevisionResolver, EngagementCareerPlanResolver } from './career-plan.resolver.js';
import { CareerPlanService } from './career-plan.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CareerPlan, CareerPlanRevision])],
  providers: [CareerPlanService, CareerPlanResolver, CareerPlanRevisionResolver, EngagementCareerPlanResolver],
})
export class CareerPlanModule {}
