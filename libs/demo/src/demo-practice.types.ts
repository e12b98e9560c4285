import type {
  ActionItemStatus,
  CareerPlanRevision,
  ClientStatus,
  EngagementPhase,
  GoalCategory,
  GoalHorizon,
  UserRole,
} from '#tandem/coaching';
import type { Cadence } from '#tandem/scheduling';

export interface DemoLogin {
  role: UserRole;
  email: string;
  password: string;
}

export interface DemoSummary {
  practiceId: string;
  logins: DemoLogin[];
  /** Rows written, by table. */
  counts: Record<string, number>;
}

export type DemoCredentials = Record<'owner' | 'coach' | 'client', { password: string; hash: string }>;

/** The shapes of the demo practice's content (demo-practice.data.ts), which the builder turns into rows. */

export type CoachKey = 'owner' | 'coach';

export type PlanSections = Pick<
  CareerPlanRevision,
  | 'strengthsInventory'
  | 'gapsAndThreats'
  | 'directionAndOpportunities'
  | 'marketAnalysis'
  | 'compensationPlan'
  | 'strategyAndTimetable'
  | 'brandingAndNetworking'
>;

export interface GoalSeed {
  title: string;
  category: GoalCategory;
  horizon: GoalHorizon;
  metric: string;
  unit: string;
  baseline: number;
  target: number;
  /** Values recorded, oldest first, spread over the engagement so far. */
  checkIns: number[];
  notes?: string[];
}

export interface ActionSeed {
  title: string;
  details?: string;
  status: ActionItemStatus;
  /** Due date in days from now, in the client's zone (negative: in the past). */
  due: number;
  /** Index into the engagement's goals. */
  goal?: number;
  comments?: Array<{ by: 'coach' | 'client'; daysAgo: number; body: string }>;
}

export interface EngagementSeed {
  title: string;
  phase: EngagementPhase;
  status: 'ACTIVE' | 'PAUSED' | 'COMPLETED';
  cadence: Omit<Cadence, 'timeZone'>;
  sessionMinutes: number;
  startedMonthsAgo: number;
  sessionsAllotted?: number;
  sponsored?: boolean;
  pausedWeeksAgo?: number;
  endedMonthsAgo?: number;
  /** Sequence numbers of past sessions the client missed or cancelled. */
  noShow?: number;
  cancelled?: number;
  /** Topics of the sessions, in turn. */
  themes: string[];
  goals: GoalSeed[];
  actions: ActionSeed[];
  /** The career plan's first revision in full, then what each later revision changed. */
  plan?: [PlanSections, ...Array<Partial<PlanSections>>];
}

export interface ClientSeed {
  name: string;
  email: string;
  timeZone: string;
  status: ClientStatus;
  coach: CoachKey;
  currentRole: string;
  targetRole: string;
  tags: string[];
  /** This client has accepted an invite and logs in as DEMO_CLIENT_EMAIL. */
  login?: boolean;
  createdDaysAgo?: number;
  engagement?: EngagementSeed;
}
