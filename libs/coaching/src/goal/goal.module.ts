import { Module } from '@nestjs/common';
import { AuditEventResolver } from '../audit/audit.resolver.js';
import { SponsorReportService } from '../sponsor/sponsor-report.js';
import { SponsorReportResolver } from '../sponsor/sponsor-report.resolver.js';
import { EngagementGoalsResolver, GoalCheckInResolver, GoalResolver } from './goal.resolver.js';
import { GoalService } from './goal.service.js';

// Also home to the sponsor report (mostly goal progress) and the audit trail, which have no module of their own.
@Module({
  providers: [
    GoalService,
    GoalResolver,
    GoalCheckInResolver,
    EngagementGoalsResolver,
    SponsorReportService,
    SponsorReportResolver,
    AuditEventResolver,
  ],
})
export class GoalModule {}
