import { Args, ArgsType, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  AuditService,
  Client,
  CoachingReads,
  Connection,
  CurrentActor,
  Db,
  Keyset,
  PageArgs,
  Roles,
  Scope,
  type Actor,
} from '#tandem/coaching';
import { BadUserInputError } from '#tandem/errors';
import { EmailPreference } from './email-preference.entity.js';
import { NotificationOutbox } from './notification-outbox.js';
import { withdrawPendingEmails } from './opt-out.js';
import {
  NOTIFICATION_KINDS,
  Notification,
  TRANSACTIONAL_KINDS,
  type NotificationKind,
  type NotificationStatus,
} from './notification.entity.js';

const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as Record<NotificationKind, NotificationKind>;
const NotificationStatusEnum = {
  PENDING: 'PENDING',
  QUEUED: 'QUEUED',
  SENT: 'SENT',
  SKIPPED: 'SKIPPED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(NotificationKindEnum, { name: 'NotificationKind' });
registerEnumType(NotificationStatusEnum, { name: 'NotificationStatus' });

@ObjectType('Notification', { description: 'One planned email and what became of it.' })
export class NotificationModel {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => NotificationStatusEnum) status!: NotificationStatus;
  @Field() recipientEmail!: string;
  @Field({ description: 'When it is (or was) due to go out.' }) sendAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why it was skipped, cancelled, deferred or failed.' }) reason!: string | null;
  @Field(() => ID, { nullable: true }) sessionId!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'One client’s emails; owners may omit it to see the whole practice.' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @Field(() => NotificationStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(NotificationStatusEnum))
  status?: NotificationStatus;
}

@ObjectType('NotificationPreferences', { description: 'What your address receives. Sign-in links always arrive.' })
export class NotificationPreferencesModel {
  @Field() email!: string;
  @Field(() => [NotificationKindEnum]) disabledKinds!: NotificationKind[];
  @Field({ description: 'Unsubscribed from everything but sign-in links.' }) unsubscribedFromAll!: boolean;
  @Field(() => String, { nullable: true, description: 'HH:mm in your time zone.' }) quietHoursStart!: string | null;
  @Field(() => String, { nullable: true }) quietHoursEnd!: string | null;
  @Field({ description: 'Coaches: also receive your sessions’ reminders.' }) coachSessionReminders!: boolean;
  @Field({ description: 'Mail stopped after your server refused it for good; confirm the address to resume.' }) suppressed!: boolean;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType()
export class NotificationPreferencesInput {
  @Field(() => [NotificationKindEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  disabledKinds?: NotificationKind[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  unsubscribedFromAll?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5)
  @Matches(HHMM, { message: 'quietHoursStart must be HH:mm' })
  quietHoursStart?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5)
  @Matches(HHMM, { message: 'quietHoursEnd must be HH:mm' })
  quietHoursEnd?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  coachSessionReminders?: boolean;

  @Field({ nullable: true, description: 'Re-confirms a suppressed address: mail to it resumes.' })
  @IsOptional()
  @IsBoolean()
  confirmAddress?: boolean;
}

/** Newest first: one transaction's emails share created_at, so the id breaks the tie. */
const NOTIFICATION_ORDER = new Keyset('DESC', [
  { sql: 'n.created_at', type: 'timestamptz' },
  { sql: 'n.id', type: 'uuid' },
]);

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly coaching: CoachingReads,
  ) {}

  @Roles('OWNER', 'COACH')
  @Query(() => NotificationConnection, { description: 'Emails planned and sent, newest first.' })
  async notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    if (!args.clientId && actor.role !== 'OWNER') throw new BadUserInputError('clientId is required', 'clientId');
    if (args.clientId) await this.scope.get(actor, Client, args.clientId, 'Client');
    const qb = this.db.manager.createQueryBuilder(Notification, 'n').where('n.practice_id = :practiceId', { practiceId: actor.practiceId });
    if (args.clientId) qb.andWhere('n.client_id = :clientId', { clientId: args.clientId });
    if (args.status) qb.andWhere('n.status = :status', { status: args.status });
    for (const [expression, alias] of NOTIFICATION_ORDER.selections()) qb.addSelect(expression, alias);
    NOTIFICATION_ORDER.apply(qb, args.after);
    return NOTIFICATION_ORDER.connection(await qb.limit(args.first + 1).getRawAndEntities(), args.first);
  }

  @Query(() => NotificationPreferencesModel, { description: 'Your email preferences.' })
  async notificationPreferences(@CurrentActor() actor: Actor): Promise<NotificationPreferencesModel> {
    const email = await this.emailOf(actor);
    return present(email, await this.preference(actor.practiceId, email));
  }

  @Mutation(() => NotificationPreferencesModel)
  async updateNotificationPreferences(
    @CurrentActor() actor: Actor,
    @Args('input') input: NotificationPreferencesInput,
  ): Promise<NotificationPreferencesModel> {
    if (
      (input.quietHoursStart === null) !== (input.quietHoursEnd === null) ||
      (input.quietHoursStart === undefined) !== (input.quietHoursEnd === undefined)
    ) {
      throw new BadUserInputError('quietHoursStart and quietHoursEnd are set (or cleared) together', 'quietHoursEnd');
    }
    if (input.disabledKinds?.some((kind) => TRANSACTIONAL_KINDS.includes(kind))) {
      throw new BadUserInputError('Sign-in links (invites, password resets) cannot be turned off', 'disabledKinds');
    }
    const email = await this.emailOf(actor);
    const changes: Partial<EmailPreference> = {};
    if (input.disabledKinds !== undefined) changes.disabledKinds = [...new Set(input.disabledKinds)];
    if (input.unsubscribedFromAll !== undefined) changes.unsubscribedAt = input.unsubscribedFromAll ? new Date() : null;
    if (input.quietHoursStart !== undefined) changes.quietHoursStart = input.quietHoursStart;
    if (input.quietHoursEnd !== undefined) changes.quietHoursEnd = input.quietHoursEnd;
    if (input.coachSessionReminders !== undefined) changes.coachSessionReminders = input.coachSessionReminders;
    if (input.confirmAddress) Object.assign(changes, { suppressedAt: null, suppressionReason: null });
    await this.db.manager.query(
      `INSERT INTO email_preference (practice_id, email) VALUES ($1, lower($2)) ON CONFLICT (practice_id, lower(email)) DO NOTHING`,
      [actor.practiceId, email],
    );
    const preference = (await this.preference(actor.practiceId, email))!;
    await this.db.manager.update(EmailPreference, { id: preference.id }, changes);
    if (changes.unsubscribedAt) await withdrawPendingEmails(this.db.manager, actor.practiceId, email, 'all');
    else if (changes.disabledKinds?.length) await withdrawPendingEmails(this.db.manager, actor.practiceId, email, changes.disabledKinds);
    // What is planned follows the new settings in the same transaction (pending rows reflect them).
    const replan = replansSessionEmails(preference, changes);
    if (replan) await this.outbox.replanSessionEmails({ practiceId: actor.practiceId, recipientEmail: email });
    if (replan || 'quietHoursStart' in changes || 'quietHoursEnd' in changes)
      await this.outbox.retimeForQuietHours(actor.practiceId, email);
    await this.audit.record(actor, actor.practiceId, 'notification_preferences.updated', 'EmailPreference', preference.id, {
      fields: Object.keys(changes),
    });
    return present(email, await this.preference(actor.practiceId, email));
  }

  private async emailOf(actor: Actor): Promise<string> {
    const email = await this.coaching.userEmail(actor.userId);
    return email!.toLowerCase();
  }

  private preference(practiceId: string, email: string): Promise<EmailPreference | null> {
    return this.db.manager
      .createQueryBuilder(EmailPreference, 'p')
      .where('p.practice_id = :practiceId AND lower(p.email) = :email', { practiceId, email })
      .getOne();
  }
}

/**
 * Whether the change re-plans the emails of the address's future sessions:
 * something it did not receive is let through again (a kind turned back on,
 * unsubscribed no more, an address confirmed), or a coach switched their
 * copies of reminders on or off (off cancels the pending ones). What is turned
 * off is withdrawn by withdrawPendingEmails.
 */
function replansSessionEmails(before: EmailPreference, changes: Partial<EmailPreference>): boolean {
  const reenabled = changes.disabledKinds !== undefined && before.disabledKinds.some((kind) => !changes.disabledKinds!.includes(kind));
  const resubscribed = changes.unsubscribedAt === null && before.unsubscribedAt !== null;
  const confirmed = changes.suppressedAt === null && before.suppressedAt !== null;
  const coachReminders = changes.coachSessionReminders !== undefined && changes.coachSessionReminders !== before.coachSessionReminders;
  return reenabled || resubscribed || confirmed || coachReminders;
}

function present(email: string, preference: EmailPreference | null): NotificationPreferencesModel {
  return {
    email,
    disabledKinds: preference?.disabledKinds ?? [],
    unsubscribedFromAll: Boolean(preference?.unsubscribedAt),
    quietHoursStart: preference?.quietHoursStart ?? null,
    quietHoursEnd: preference?.quietHoursEnd ?? null,
    coachSessionReminders: preference?.coachSessionReminders ?? false,
    suppressed: Boolean(preference?.suppressedAt),
  };
}
