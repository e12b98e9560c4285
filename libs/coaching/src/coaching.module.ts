import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClientModule } from './client/client.module.js';
import { EngagementModule } from './engagement/engagement.module.js';
import { PracticeModule } from './practice/practice.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { CoachingSessionModule } from './session/coaching-session.module.js';
import { SponsorModule } from './sponsor/sponsor.module.js';
import { UserModule } from './user/user.module.js';
import { AccessModule } from './access/access.module.js';
import { ActionItemComment } from './action-item/action-item-comment.entity.js';
import { ActionItemCommentRead } from './action-item/action-item-comment-read.entity.js';
import { ActionItem } from './action-item/action-item.entity.js';
import { ActionItemModule } from './action-item/action-item.module.js';
import { CareerPlanModule } from './career-plan/career-plan.module.js';
import { CheckIn } from './check-in/check-in.entity.js';
import { CheckInModule } from './check-in/check-in.module.js';
import { DateTimeScalar } from './common/date-time.scalar.js';
import { GoalModule } from './goal/goal.module.js';
import { NetworkingModule } from './networking/networking.module.js';
import { NetworkingContact } from './networking/networking-contact.entity.js';
import { MessageModule } from './message/message.module.js';
import { MessageRead } from './message/message-read.entity.js';
import { Message } from './message/message.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { LoginAttempt } from './auth/login-attempt.entity.js';
import { RateLimitCounter } from './rate-limit/rate-limit-counter.entity.js';
import { RefreshToken } from './auth/refresh-token.entity.js';
import { UserToken } from './auth/user-token.entity.js';
import { CareerPlanRevision } from './career-plan/career-plan-revision.entity.js';
import { CareerPlan } from './career-plan/career-plan.entity.js';
import { Client } from './client/client.entity.js';
import { Engagement } from './engagement/engagement.entity.js';
import { SessionHorizonModule } from './engagement/session-horizon.module.js';
import { AccountRequestsModule } from './auth/account-requests.module.js';
import { GoalCheckIn } from './goal/goal-check-in.entity.js';
import { Goal } from './goal/goal.entity.js';
import { Practice } from './practice/practice.entity.js';
import { CoachingSession } from './session/coaching-session.entity.js';
import { AccountRequest } from './auth/account-request.entity.js';
import { Sponsor } from './sponsor/sponsor.entity.js';
import { User } from './user/user.entity.js';
import { ActivityReadPoint } from './today/activity-read-point.entity.js';
import { TodayModule } from './today/today.module.js';

/** Every entity of this library, for a DataSource built outside Nest (the demo seed). In the app each feature module registers its own. */
export const COACHING_ENTITIES = [
  Practice,
  User,
  RefreshToken,
  UserToken,
  LoginAttempt,
  AccountRequest,
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
  Message,
  MessageRead,
  CareerPlan,
  CareerPlanRevision,
  NetworkingContact,
  AuditEvent,
  ActivityReadPoint,
  CheckIn,
];

/**
 * Everything a coach and a client do through the API: one module per feature, each with
 * its entities, services and resolvers. Authentication, tenant scoping, validation and
 * one transaction per mutation are the app's global guards, pipe and interceptor.
 */
@Module({
  imports: [
    AccessModule,
    SessionHorizonModule,
    AccountRequestsModule,
    RateLimitModule,
    AuthModule,
    PracticeModule,
    UserModule,
    ClientModule,
    SponsorModule,
    EngagementModule,
    CoachingSessionModule,
    ActionItemModule,
    GoalModule,
    MessageModule,
    CareerPlanModule,
    NetworkingModule,
    CheckInModule,
    AuditModule,
    TodayModule,
  ],
  providers: [DateTimeScalar],
  exports: [AccessModule, AuthModule, EngagementModule, CheckInModule],
})
export class CoachingModule {}
