import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { LivenessHealthIndicator } from './liveness.health.js';
import { QueueHealthIndicator } from './queue.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [QueueHealthIndicator, DatabaseHealthIndicator, LivenessHealthIndicator],
})
export class HealthModule {}
