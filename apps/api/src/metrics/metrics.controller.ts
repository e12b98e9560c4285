import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, NotFoundException, Res } from '@nestjs/common';
import { AppConfig } from '#tandem/config';
import { writeMetrics } from '#tandem/runtime';

/**
 * GET /metrics for Prometheus, an operator's endpoint: with METRICS_TOKEN set it
 * needs that bearer token; without it, it is open in development and a 404 in
 * production (the API's port is public; set METRICS_TOKEN to scrape it there).
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() response: ServerResponse): Promise<void> {
    if (this.config.isProduction && this.config.metricsToken === null) throw new NotFoundException();
    await writeMetrics(response, authorization, this.config.metricsToken);
  }
}
