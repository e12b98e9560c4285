import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SponsorReportService } from './sponsor-report.js';
import { SponsorReportResolver } from './sponsor-report.resolver.js';
import { Sponsor } from './sponsor.entity.js';
import { EngagementSponsorResolver, SponsorResolver } from './sponsor.resolver.js';
import { SponsorService } from './sponsor.service.js';

/** Sponsors of engagements and the report a sponsor may see. */
@Module({
  imports: [TypeOrmModule.forFeature([Sponsor])],
  providers: [SponsorService, SponsorResolver, EngagementSponsorResolver, SponsorReportService, SponsorReportResolver],
})
export class SponsorModule {}
