import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule, AuthRetentionModule, CoachingEvents } from '#tandem/coaching';
import { EmailPreference } from './email-preference.entity.js';
import { NotificationContentLoader } from './notification-content.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationJobs } from './notification-jobs.js';
import { NotificationMetrics, OutboxMetrics } from './notification-metrics.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationSender } from './notification-sender.js';
import { Notification } from './notification.entity.js';
import { PeriodicPlanner } from './periodic-planner.js';
import { DataRetentionJobs } from './retention/data-retention.jobs.js';
import { DataRetention } from './retention/data-retention.js';
import { NotificationResolver } from './notification.resolver.js';
import { InboundMailModule } from './inbound/inbound-mail.module.js';

/**
 * Email, outbox first: the coaching domain plans notification rows through
 * CoachingEvents inside its transactions; the dispatcher queues due rows; the
 * sender delivers them.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, EmailPreference]), AccessModule, AuthRetentionModule, InboundMailModule],
  providers: [
    NotificationOutbox,
    { provide: CoachingEvents, useExisting: NotificationOutbox },
    NotificationDispatcher,
    NotificationSender,
    NotificationContentLoader,
    NotificationMetrics,
    OutboxMetrics,
    PeriodicPlanner,
    NotificationJobs,
    DataRetention,
    DataRetentionJobs,
    NotificationResolver,
  ],
  exports: [
    CoachingEvents,
    NotificationOutbox,
    NotificationDispatcher,
    NotificationSender,
    PeriodicPlanner,
    NotificationMetrics,
    DataRetention,
  ],
})
export class NotificationsModule {}
