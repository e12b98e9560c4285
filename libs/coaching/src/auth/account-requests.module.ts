import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AccountRequestJobs } from './account-requests.jobs.js';
import { AccountRequests } from './account-requests.js';
import { UserTokens } from './user-tokens.js';

/**
 * Sign-up and password-reset requests: recorded by the API, answered by the worker (which serves
 * no API, so this lives apart from the GraphQL module). Needs CoachingEvents, which the
 * notifications module provides.
 */
@Module({
  imports: [AccessModule],
  providers: [AccountRequests, AccountRequestJobs, UserTokens],
  exports: [AccountRequests, UserTokens],
})
export class AccountRequestsModule {}
