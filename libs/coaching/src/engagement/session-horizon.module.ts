import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { SessionHorizonJobs } from './session-horizon.jobs.js';
import { SessionHorizon } from './session-horizon.js';

/**
 * The rolling session plan, apart from the GraphQL module so the worker (which serves no
 * API) runs it too. Needs CoachingEvents, which the notifications module provides.
 */
@Module({
  imports: [AccessModule],
  providers: [SessionHorizon, SessionHorizonJobs],
  exports: [SessionHorizon],
})
export class SessionHorizonModule {}
