// Long on purpose: one class whose steps share the rows built so far; the content is in demo-practice.data.ts.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import {
  ActionItem,
  ActionItemComment,
  AuditEvent,
  CareerPlan,
  CareerPlanRevision,
  Client,
  CoachingSession,
  Engagement,
  Goal,
  GoalCheckIn,
  PLANNING_HORIZON_MONTHS,
  Practice,
  Sponsor,
  User,
  cadenceToColumns,
  type UserRole,
} from '#tandem/coaching';
import { expandCadence, type Cadence } from '#tandem/scheduling';
import { CHECK_IN_NOTES, CLIENTS, COACHES, DEMO_PRACTICE_NAME, PRIVATE_NOTES, SHARED_SUMMARIES, SPONSOR } from './demo-practice.data.js';
import type {
  ActionSeed,
  DemoCredentials,
  DemoSummary,
  ClientSeed,
  CoachKey,
  EngagementSeed,
  GoalSeed,
  PlanSections,
} from './demo-practice.types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Every column but the identity key. */
type NewAuditEvent = Omit<AuditEvent, 'id' | 'details'> & { details: Record<string, string | number> };

interface HeldSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

export class DemoBuilder {
  readonly practice: Practice;
  readonly users: User[] = [];
  private readonly passwords = new Map<string, string>();
  readonly sponsors: Sponsor[] = [];
  readonly clients: Client[] = [];
  readonly engagements: Engagement[] = [];
  readonly sessions: CoachingSession[] = [];
  readonly goals: Goal[] = [];
  readonly checkIns: GoalCheckIn[] = [];
  readonly actionItems: ActionItem[] = [];
  readonly comments: ActionItemComment[] = [];
  readonly plans: CareerPlan[] = [];
  readonly revisions: CareerPlanRevision[] = [];
  readonly auditEvents: NewAuditEvent[] = [];
  private readonly coachIds = {} as Record<CoachKey, string>;
  private clientUserId: string | null = null;

  constructor(
    private readonly now: Date,
    private readonly credentials: DemoCredentials,
  ) {
    const createdAt = this.monthsAgo(15, 'Europe/London');
    this.practice = {
      id: randomUUID(),
      name: DEMO_PRACTICE_NAME,
      timeZone: 'Europe/London',
      reminderOffsetsMinutes: [2880, 120],
      createdAt,
      updatedAt: createdAt,
    };
  }

  build(): void {
    for (const key of ['owner', 'coach'] as const) {
      const coach = COACHES[key];
      this.coachIds[key] = this.addUser(
        coach.name,
        coach.email,
        coach.role,
        'Europe/London',
        this.credentials[key],
        this.practice.createdAt,
      );
    }
    const sponsorCreatedAt = this.monthsAgo(12, 'Europe/London');
    const sponsorId = randomUUID();
    this.sponsors.push({
      id: sponsorId,
      practiceId: this.practice.id,
      ...SPONSOR,
      archivedAt: null,
      createdAt: sponsorCreatedAt,
      updatedAt: sponsorCreatedAt,
    });

    CLIENTS.forEach((seed, index) => this.addClient(seed, index, sponsorId));
    this.addCheckInTomorrow();

    for (const user of this.users) {
      this.auditEvents.push(this.seededEvent('User', user.id, { role: user.role }));
    }
    this.auditEvents.push(
      this.seededEvent('Practice', this.practice.id, { clients: this.clients.length, engagements: this.engagements.length }),
    );
  }

  /**
   * An extra short check-in for the client who can log in, about a day from now:
   * its reminder (with the calendar invite) goes out as soon as the demo starts.
   */
  private addCheckInTomorrow(): void {
    const client = this.clients.find((c) => c.userId !== null);
    const engagement = client && this.engagements.find((e) => e.clientId === client.id && e.status === 'ACTIVE');
    if (!client || !engagement) return;
    const startsAt = DateTime.fromJSDate(new Date(this.now.getTime() + 26 * HOUR_MS), { zone: client.timeZone })
      .startOf('hour')
      .toJSDate();
    const sequence = Math.max(0, ...this.sessions.filter((s) => s.engagementId === engagement.id).map((s) => s.sequence)) + 1;
    this.sessions.push({
      id: randomUUID(),
      practiceId: this.practice.id,
      clientId: client.id,
      engagementId: engagement.id,
      coachId: engagement.coachId,
      sequence,
      startsAt,
      timeZone: client.timeZone,
      durationMinutes: 30,
      status: 'SCHEDULED',
      meetingUrl: 'https://meet.example.com/northstar-check-in',
      agenda: 'Quick check-in before the panel interview: your three stories, and questions to ask them.',
      privateNotes: null,
      sharedSummary: null,
      summaryPublishedAt: null,
      version: 1,
      manuallyMoved: true,
      origin: 'AD_HOC',
      completedAt: null,
      createdAt: this.now,
      updatedAt: this.now,
    });
  }

  async write(manager: EntityManager): Promise<DemoSummary> {
    // Parents before children: the foreign keys are not deferrable.
    await manager.insert(Practice, this.practice);
    await manager.insert(User, this.users);
    await manager.insert(Sponsor, this.sponsors);
    await manager.insert(Client, this.clients);
    await manager.insert(Engagement, this.engagements);
    await manager.insert(CoachingSession, this.sessions);
    await manager.insert(Goal, this.goals);
    await manager.insert(GoalCheckIn, this.checkIns);
    await manager.insert(ActionItem, this.actionItems);
    await manager.insert(ActionItemComment, this.comments);
    await manager.insert(CareerPlan, this.plans);
    await manager.insert(CareerPlanRevision, this.revisions);
    await manager.insert(AuditEvent, this.auditEvents);
    return {
      practiceId: this.practice.id,
      logins: this.users.map((user) => ({ role: user.role, email: user.email, password: this.passwords.get(user.id)! })),
      counts: {
        practices: 1,
        users: this.users.length,
        sponsors: this.sponsors.length,
        clients: this.clients.length,
        engagements: this.engagements.length,
        sessions: this.sessions.length,
        actionItems: this.actionItems.length,
        actionItemComments: this.comments.length,
        goals: this.goals.length,
        goalCheckIns: this.checkIns.length,
        careerPlans: this.plans.length,
        careerPlanRevisions: this.revisions.length,
        auditEvents: this.auditEvents.length,
      },
    };
  }

  private addUser(
    name: string,
    email: string,
    role: UserRole,
    timeZone: string,
    credential: { password: string; hash: string },
    createdAt: Date,
  ): string {
    const id = randomUUID();
    this.users.push({
      id,
      practiceId: this.practice.id,
      email,
      name,
      role,
      timeZone,
      passwordHash: credential.hash,
      disabled: false,
      createdAt,
      updatedAt: createdAt,
    });
    this.passwords.set(id, credential.password);
    return id;
  }

  private addClient(seed: ClientSeed, index: number, sponsorId: string): void {
    const engagementStart = seed.engagement ? this.monthsAgo(seed.engagement.startedMonthsAgo, seed.timeZone) : null;
    const createdAt = engagementStart
      ? new Date(engagementStart.getTime() - 14 * DAY_MS)
      : new Date(this.now.getTime() - (seed.createdDaysAgo ?? 7) * DAY_MS);
    const userId = seed.login
      ? this.addUser(seed.name, seed.email, 'CLIENT', seed.timeZone, this.credentials.client, new Date(createdAt.getTime() + 10 * DAY_MS))
      : null;
    if (userId) this.clientUserId = userId;
    const client: Client = {
      id: randomUUID(),
      practiceId: this.practice.id,
      coachId: this.coachIds[seed.coach],
      userId,
      name: seed.name,
      email: seed.email,
      timeZone: seed.timeZone,
      status: seed.status,
      currentRole: seed.currentRole,
      targetRole: seed.targetRole,
      tags: seed.tags,
      reminderOffsetsMinutes: null,
      archivedAt: null,
      createdAt,
      updatedAt: createdAt,
    };
    this.clients.push(client);
    if (seed.engagement) this.addEngagement(client, seed, seed.engagement, index, seed.engagement.sponsored ? sponsorId : null);
  }

  private addEngagement(client: Client, seed: ClientSeed, e: EngagementSeed, index: number, sponsorId: string | null): void {
    const zone = client.timeZone;
    const local = DateTime.fromJSDate(this.now, { zone });
    const startDate = isoDate(local.minus({ months: e.startedMonthsAgo }));
    const endDate = e.endedMonthsAgo === undefined ? null : isoDate(local.minus({ months: e.endedMonthsAgo }));
    const pausedAt = e.pausedWeeksAgo === undefined ? null : new Date(this.now.getTime() - e.pausedWeeksAgo * 7 * DAY_MS);
    const endedAt = endDate === null ? null : DateTime.fromISO(`${endDate}T18:00`, { zone }).toJSDate();
    const createdAt = DateTime.fromISO(startDate, { zone }).minus({ days: 7 }).toJSDate();
    const cadence: Cadence = { ...e.cadence, timeZone: zone };
    const engagement: Engagement = {
      id: randomUUID(),
      practiceId: this.practice.id,
      clientId: client.id,
      coachId: client.coachId,
      sponsorId,
      title: e.title,
      phase: e.phase,
      status: e.status,
      startDate,
      endDate,
      sessionsAllotted: e.sessionsAllotted ?? null,
      sessionMinutes: e.sessionMinutes,
      meetingUrl: null,
      ...cadenceToColumns({ ...cadence, timeZone: zone }),
      // The rolling top-up takes the plan on from its last cadence session.
      plannedUntil: null,
      createdAt,
      updatedAt: pausedAt ?? endedAt ?? createdAt,
    };
    this.engagements.push(engagement);

    const activeUntil = pausedAt ?? endedAt ?? this.now;
    const held = this.addSessions(engagement, cadence, e, seed, index, activeUntil);
    const goalIds = e.goals.map((goal) => this.addGoal(engagement, goal, activeUntil));
    for (const action of e.actions) this.addActionItem(engagement, action, goalIds, held);
    if (e.plan) this.addCareerPlan(engagement, e.plan, activeUntil);
  }

  /** The engagement's sessions, numbered in time order; returns those that took place. */
  private addSessions(
    engagement: Engagement,
    cadence: Cadence,
    e: EngagementSeed,
    seed: ClientSeed,
    index: number,
    activeUntil: Date,
  ): HeldSession[] {
    const zone = cadence.timeZone;
    const past = expandCadence(cadence, {
      startDate: engagement.startDate,
      endDate: engagement.endDate,
      from: DateTime.fromISO(engagement.startDate, { zone }).toJSDate(),
      horizonMonths: e.startedMonthsAgo + 1,
      maxCount: engagement.sessionsAllotted,
    }).filter((startsAt) => startsAt < activeUntil);
    // As the engagement service counts: cancelled sessions do not use up the allotment.
    const used = past.filter((_, i) => i + 1 !== e.cancelled).length;
    const upcoming =
      e.status === 'ACTIVE'
        ? expandCadence(cadence, {
            startDate: engagement.startDate,
            endDate: engagement.endDate,
            from: this.now,
            horizonMonths: PLANNING_HORIZON_MONTHS,
            maxCount: engagement.sessionsAllotted === null ? null : Math.max(0, engagement.sessionsAllotted - used),
          })
        : [];

    const first = seed.name.split(' ')[0] ?? seed.name;
    const themeOf = (sequence: number) => e.themes[(sequence - 1) % e.themes.length] ?? e.title;
    const meetingUrl = `https://meet.example.com/northstar-${first.toLowerCase()}`;
    const held: HeldSession[] = [];
    let agendaSet = false;

    [...past, ...upcoming].forEach((startsAt, i) => {
      const sequence = i + 1;
      const endsAt = new Date(startsAt.getTime() + engagement.sessionMinutes * 60_000);
      const theme = themeOf(sequence);
      const context = { first, theme };
      const session: CoachingSession = {
        id: randomUUID(),
        practiceId: this.practice.id,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        coachId: engagement.coachId,
        sequence,
        startsAt,
        timeZone: zone,
        durationMinutes: engagement.sessionMinutes,
        status: 'SCHEDULED',
        meetingUrl,
        agenda: null,
        privateNotes: null,
        sharedSummary: null,
        summaryPublishedAt: null,
        version: 1,
        manuallyMoved: false,
        origin: 'CADENCE',
        completedAt: null,
        createdAt: i < past.length ? engagement.createdAt : this.now,
        updatedAt: i < past.length ? engagement.createdAt : this.now,
      };
      // A session under way right now is still SCHEDULED.
      const tookPlace = i < past.length && endsAt <= this.now;
      if (tookPlace && sequence === e.cancelled) {
        session.status = 'CANCELLED';
        session.privateNotes = `${first} cancelled the day before (travel for work). Not counted against the allotment.`;
        session.updatedAt = new Date(startsAt.getTime() - DAY_MS);
      } else if (tookPlace && sequence === e.noShow) {
        session.status = 'NO_SHOW';
        session.agenda = `Review action items; ${theme}.`;
        session.privateNotes = `${first} did not join and did not reply on the day. Sent a friendly note offering two alternative slots.`;
        session.updatedAt = endsAt;
      } else if (tookPlace) {
        const variant = (sequence + index * 3) % PRIVATE_NOTES.length;
        session.status = 'COMPLETED';
        session.agenda = sequence === 1 ? 'Introductions, ways of working, goals for the engagement.' : `Review action items; ${theme}.`;
        session.privateNotes =
          sequence === 1
            ? `Intake. ${first}: currently ${seed.currentRole}; aiming for ${seed.targetRole}. Biggest theme: ${theme}. Motivated, a little wary of coaching jargon: keep it concrete.`
            : PRIVATE_NOTES[variant](context);
        session.sharedSummary =
          sequence === 1
            ? `Welcome! We agreed how we will work together and what you want from the coming months, and started on ${theme}. Your first action items are in Tandem.`
            : SHARED_SUMMARIES[variant](context);
        session.completedAt = endsAt;
        session.summaryPublishedAt = new Date(Math.min(endsAt.getTime() + 20 * HOUR_MS, this.now.getTime()));
        session.updatedAt = session.summaryPublishedAt;
        held.push({ id: session.id, startsAt, endsAt });
      } else if (!agendaSet && startsAt >= this.now) {
        session.agenda = `Review action items; ${theme}; check the career plan timetable.`;
        agendaSet = true;
      }
      this.sessions.push(session);
    });
    return held;
  }

  private addGoal(engagement: Engagement, seed: GoalSeed, activeUntil: Date): string {
    const zone = engagement.cadenceTimeZone;
    const createdAt = DateTime.fromISO(engagement.startDate, { zone }).plus({ days: 14, hours: 12 }).toJSDate();
    const years = { ONE_YEAR: 1, THREE_YEARS: 3, FIVE_YEARS: 5, TEN_YEARS: 10 }[seed.horizon];
    // Goals are private until the client consents: the demo client has shared the first goal of each engagement with the sponsor.
    const sharedWithSponsor = this.isClientLogin(engagement) && !this.goals.some((g) => g.engagementId === engagement.id);
    const sharedAt = new Date(createdAt.getTime() + DAY_MS);
    const goal: Goal = {
      id: randomUUID(),
      practiceId: this.practice.id,
      clientId: engagement.clientId,
      engagementId: engagement.id,
      title: seed.title,
      category: seed.category,
      horizon: seed.horizon,
      targetDate: isoDate(DateTime.fromISO(engagement.startDate, { zone }).plus({ years })),
      metricName: seed.metric,
      metricUnit: seed.unit,
      metricBaseline: seed.baseline,
      metricTarget: seed.target,
      sharedWithSponsorAt: sharedWithSponsor ? sharedAt : null,
      sharedWithSponsorById: sharedWithSponsor ? this.clientUserId : null,
      createdAt,
      updatedAt: sharedWithSponsor ? sharedAt : createdAt,
    };
    this.goals.push(goal);

    const recordedAt = spread(
      new Date(createdAt.getTime() + 21 * DAY_MS),
      new Date(activeUntil.getTime() - 3 * DAY_MS),
      seed.checkIns.length,
    );
    seed.checkIns.forEach((value, i) => {
      const byClient = this.isClientLogin(engagement) && i % 2 === 1;
      this.checkIns.push({
        id: randomUUID(),
        practiceId: this.practice.id,
        clientId: engagement.clientId,
        goalId: goal.id,
        value,
        note: seed.notes?.[i] ?? CHECK_IN_NOTES[i % CHECK_IN_NOTES.length] ?? null,
        recordedAt: recordedAt[i],
        recordedById: byClient ? this.clientUserId : engagement.coachId,
        createdAt: recordedAt[i],
      });
    });
    return goal.id;
  }

  private addActionItem(engagement: Engagement, seed: ActionSeed, goalIds: string[], held: HeldSession[]): void {
    const zone = engagement.cadenceTimeZone;
    const dueDate = isoDate(DateTime.fromJSDate(this.now, { zone }).plus({ days: seed.due }));
    const dueAt = DateTime.fromISO(`${dueDate}T17:00`, { zone }).toJSDate();
    // Agreed at the last session at least a week before it was due.
    const agreedAt = [...held].reverse().find((s) => s.startsAt.getTime() <= dueAt.getTime() - 7 * DAY_MS) ?? held[0];
    const createdAt = agreedAt?.endsAt ?? new Date(this.now.getTime() - DAY_MS);
    let completedAt: Date | null = null;
    let updatedAt = createdAt;
    if (seed.status === 'DONE') {
      completedAt = new Date(Math.min(this.now.getTime(), Math.max(createdAt.getTime() + DAY_MS, dueAt.getTime() - 30 * HOUR_MS)));
      updatedAt = completedAt;
    } else if (seed.status === 'DROPPED') {
      updatedAt = new Date(Math.min(this.now.getTime(), createdAt.getTime() + 10 * DAY_MS));
    }
    const item: ActionItem = {
      id: randomUUID(),
      practiceId: this.practice.id,
      clientId: engagement.clientId,
      engagementId: engagement.id,
      sessionId: agreedAt?.id ?? null,
      goalId: seed.goal === undefined ? null : (goalIds[seed.goal] ?? null),
      title: seed.title,
      details: seed.details ?? null,
      dueDate,
      status: seed.status,
      completedAt,
      completedById: completedAt ? engagement.coachId : null,
      createdById: engagement.coachId,
      createdAt,
      updatedAt,
    };
    this.actionItems.push(item);

    for (const comment of seed.comments ?? []) {
      const authorId = comment.by === 'coach' ? engagement.coachId : this.isClientLogin(engagement) ? this.clientUserId : null;
      if (!authorId) throw new Error(`demo content: "${seed.title}" has a client comment but its client cannot log in`);
      const at = Math.min(this.now.getTime(), Math.max(createdAt.getTime() + HOUR_MS, this.now.getTime() - comment.daysAgo * DAY_MS));
      this.comments.push({
        id: randomUUID(),
        practiceId: this.practice.id,
        clientId: engagement.clientId,
        actionItemId: item.id,
        authorId,
        body: comment.body,
        createdAt: new Date(at),
      });
    }
  }

  private addCareerPlan(engagement: Engagement, revisions: NonNullable<EngagementSeed['plan']>, activeUntil: Date): void {
    const zone = engagement.cadenceTimeZone;
    const firstAt = DateTime.fromISO(engagement.startDate, { zone }).plus({ days: 21, hours: 16 }).toJSDate();
    const savedAt = spread(firstAt, new Date(activeUntil.getTime() - 10 * DAY_MS), revisions.length);
    const plan: CareerPlan = {
      id: randomUUID(),
      practiceId: this.practice.id,
      clientId: engagement.clientId,
      engagementId: engagement.id,
      createdAt: savedAt[0],
    };
    this.plans.push(plan);
    let sections: PlanSections = revisions[0];
    revisions.forEach((changes, i) => {
      sections = { ...sections, ...changes };
      this.revisions.push({
        id: randomUUID(),
        practiceId: this.practice.id,
        clientId: engagement.clientId,
        careerPlanId: plan.id,
        number: i + 1,
        ...sections,
        authorId: engagement.coachId,
        createdAt: savedAt[i],
      });
    });
  }

  private seededEvent(entityType: string, entityId: string, details: NewAuditEvent['details']): NewAuditEvent {
    return { practiceId: this.practice.id, actorId: null, action: 'demo.seeded', entityType, entityId, details, occurredAt: this.now };
  }

  private isClientLogin(engagement: Engagement): boolean {
    return this.clients.some((client) => client.id === engagement.clientId && client.userId !== null);
  }

  private monthsAgo(months: number, zone: string): Date {
    return DateTime.fromJSDate(this.now, { zone }).minus({ months }).toJSDate();
  }
}

function isoDate(dt: DateTime): string {
  const date = dt.toISODate();
  if (!date) throw new RangeError(`invalid date: ${dt.invalidReason}`);
  return date;
}

/** `count` instants evenly spaced from `first` to `last` (just `last` when count is 1), rounded to the minute. */
function spread(first: Date, last: Date, count: number): Date[] {
  const end = Math.max(first.getTime(), last.getTime());
  const step = count > 1 ? (end - first.getTime()) / (count - 1) : 0;
  const start = count > 1 ? first.getTime() : end;
  return Array.from({ length: count }, (_, i) => new Date(Math.round((start + i * step) / 60_000) * 60_000));
}
