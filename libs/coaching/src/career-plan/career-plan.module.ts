import { Module } from '@nestjs/common';
import { CareerPlanResolver, CareerPlanRevisionResolver, EngagementCareerPlanResolver } from './career-plan.resolver.js';
import { CareerPlanService } from './career-plan.service.js';

@Module({
  providers: [CareerPlanService, CareerPlanResolver, CareerPlanRevisionResolver, EngagementCareerPlanResolver],
})
export class CareerPlanModule {}
