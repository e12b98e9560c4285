import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { SponsorReport, SponsorReportService } from './sponsor-report.js';

@Resolver(() => SponsorReport)
export class SponsorReportResolver {
  constructor(private readonly sponsorReportService: SponsorReportService) {}

  @Roles('OWNER', 'COACH')
  @Query(() => SponsorReport, { description: "What the engagement's sponsor may see: attendance and goal progress, no notes." })
  sponsorReport(@CurrentActor() actor: Actor, @Args('engagementId', { type: () => ID }) engagementId: string): Promise<SponsorReport> {
    return this.sponsorReportService.report(actor, engagementId);
  }
}
