import { CreatePractice1763900000000 } from './1763900000000-CreatePractice.js';
import { CoachingDomain1763910000000 } from './1763910000000-CoachingDomain.js';
import { Notifications1763920000000 } from './1763920000000-Notifications.js';
import { GoalCheckInClientIndex1763930000000 } from './1763930000000-GoalCheckInClientIndex.js';
import { RollingSessionPlan1764000000000 } from './1764000000000-RollingSessionPlan.js';
import { NotificationPlannedSendAt1764010000000 } from './1764010000000-NotificationPlannedSendAt.js';
import { SponsorConsentAndCommentReads1764020000000 } from './1764020000000-SponsorConsentAndCommentReads.js';
import { EngagementMeetingUrl1764030000000 } from './1764030000000-EngagementMeetingUrl.js';
import { RateLimitCounter1764040000000 } from './1764040000000-RateLimitCounter.js';
import { ActionItemCompletedBy1764050000000 } from './1764050000000-ActionItemCompletedBy.js';
import { RetentionIndexes1764080000000 } from './1764080000000-RetentionIndexes.js';
import { AccountRequests1764090000000 } from './1764090000000-AccountRequests.js';
import { Messages1765100000000 } from './1765100000000-Messages.js';
import { MidCycleCheckIns1765200000000 } from './1765200000000-MidCycleCheckIns.js';
import { NetworkingContacts1765300000000 } from './1765300000000-NetworkingContacts.js';
import { ActivityReadPoint1765400000000 } from './1765400000000-ActivityReadPoint.js';

/**
 * Every migration, oldest first. Listed by hand (not globbed) so the app, the
 * CLI and the tests run exactly the same reviewed set.
 */
export const ALL_MIGRATIONS = [
  CreatePractice1763900000000,
  CoachingDomain1763910000000,
  Notifications1763920000000,
  GoalCheckInClientIndex1763930000000,
  RollingSessionPlan1764000000000,
  NotificationPlannedSendAt1764010000000,
  SponsorConsentAndCommentReads1764020000000,
  EngagementMeetingUrl1764030000000,
  RateLimitCounter1764040000000,
  ActionItemCompletedBy1764050000000,
  RetentionIndexes1764080000000,
  AccountRequests1764090000000,
  Messages1765100000000,
  MidCycleCheckIns1765200000000,
  NetworkingContacts1765300000000,
  ActivityReadPoint1765400000000,
];

/** The names databases record for these migrations (a migration's `name`, which a renamed class keeps). */
export function recordedMigrationNames(): string[] {
  return ALL_MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);
}
