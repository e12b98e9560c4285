import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule, CoachingEvents } from '#tandem/coaching';
import { EmailPreference } from './email-preference.entity.js';
import { NotificationContentLoader } from './notification-content.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationJobs } from './notification-jobs.js';
import { NotificationMetrics } from './notification-metrics.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationSender } from './notification-sender.js';
import { Notification } from './notification.entity.js';
import { PeriodicPlanner } from './periodic-planner.js';
import { NotificationResolver } from './notification.resolver.js';

/**
 * Email, outbox first: the coaching domain plans notification rows through
 * CoachingEvents inside its transactions; the dispatcher queues due rows; the
 * sender delivers them.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, EmailPreference]), AccessModule],
  providers: [
    NotificationOutbox,
    { provide: CoachingEvents, useExisting: NotificationOutbox },
    NotificationDispatcher,
    NotificationSender,
    NotificationContentLoader,
    NotificationMetrics,
    PeriodicPlanner,
    NotificationJobs,
    NotificationResolver,
  ],
  exports: [CoachingEvents, NotificationOutbox, NotificationDispatcher, NotificationSender, PeriodicPlanner, NotificationMetrics],
})
export class NotificationsModule {}
