import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module.js';
import { ArgumentCheckGuard } from './access/argument-check.guard.js';
import { TransactionInterceptor } from './access/transaction.interceptor.js';
import { createValidationPipe } from './access/validation.pipe.js';
import { ActionItemComment } from './action-item/action-item-comment.entity.js';
import { ActionItemCommentRead } from './action-item/action-item-comment-read.entity.js';
import { ActionItem } from './action-item/action-item.entity.js';
import { ActionItemModule } from './action-item/action-item.module.js';
import { CareerPlanModule } from './career-plan/career-plan.module.js';
import { DateTimeScalar } from './common/date-time.scalar.js';
import { GoalModule } from './goal/goal.module.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { AccessTokenService } from './auth/access-token.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { SessionRevocations } from './auth/session-revocations.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { LoginAttempt } from './auth/login-attempt.entity.js';
import { RateLimitCounter } from './rate-limit/rate-limit-counter.entity.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { RefreshToken } from './auth/refresh-token.entity.js';
import { UserToken } from './auth/user-token.entity.js';
import { CareerPlanRevision } from './career-plan/career-plan-revision.entity.js';
import { CareerPlan } from './career-plan/career-plan.entity.js';
import { Client } from './client/client.entity.js';
import { ClientResolver } from './client/client.resolver.js';
import { ClientService } from './client/client.service.js';
import { Engagement } from './engagement/engagement.entity.js';
import { EngagementResolver } from './engagement/engagement.resolver.js';
import { EngagementService } from './engagement/engagement.service.js';
import { SessionHorizonModule } from './engagement/session-horizon.module.js';
import { GoalCheckIn } from './goal/goal-check-in.entity.js';
import { Goal } from './goal/goal.entity.js';
import { Practice } from './practice/practice.entity.js';
import { PracticeResolver } from './practice/practice.resolver.js';
import { CoachingSession } from './session/coaching-session.entity.js';
import { CoachingSessionResolver } from './session/coaching-session.resolver.js';
import { CoachingSessionService } from './session/coaching-session.service.js';
import { Sponsor } from './sponsor/sponsor.entity.js';
import { EngagementSponsorResolver, SponsorResolver } from './sponsor/sponsor.resolver.js';
import { SponsorService } from './sponsor/sponsor.service.js';
import { User } from './user/user.entity.js';
import { UserResolver } from './user/user.resolver.js';

export const COACHING_ENTITIES = [
  Practice,
  User,
  RefreshToken,
  UserToken,
  LoginAttempt,
  RateLimitCounter,
  Sponsor,
  Client,
  Engagement,
  CoachingSession,
  Goal,
  GoalCheckIn,
  ActionItem,
  ActionItemComment,
  ActionItemCommentRead,
  CareerPlan,
  CareerPlanRevision,
  AuditEvent,
];

/**
 * Everything a coach and a client do through the API. Authentication, tenant
 * scoping, validation and one-transaction-per-mutation apply to every resolver
 * here through the global guard, pipe and interceptor.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(COACHING_ENTITIES),
    AccessModule,
    SessionHorizonModule,
    ActionItemModule,
    GoalModule,
    CareerPlanModule,
  ],
  providers: [
    AccessTokenService,
    SessionRevocations,
    AuthService,
    AuthResolver,
    RateLimiter,
    RateLimitGuard,
    PracticeResolver,
    UserResolver,
    ClientService,
    ClientResolver,
    SponsorService,
    SponsorResolver,
    EngagementSponsorResolver,
    EngagementService,
    EngagementResolver,
    CoachingSessionService,
    CoachingSessionResolver,
    DateTimeScalar,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ArgumentCheckGuard },
    { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [AccessModule, EngagementService],
})
export class CoachingModule {}
