import { Module } from '@nestjs/common';
import { collectDefaultMetricsOnce } from '#tandem/runtime';
import { MetricsController } from './metrics.controller.js';

/** Serves the process's prom-client default registry at GET /metrics. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {
  constructor() {
    collectDefaultMetricsOnce();
  }
}
