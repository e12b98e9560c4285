import { registerEnumType } from '@nestjs/graphql';

// GraphQL enums for the string unions stored in the database, registered once.
export const UserRoleEnum = { OWNER: 'OWNER', COACH: 'COACH', CLIENT: 'CLIENT' } as const;
export const ClientStatusEnum = { PROSPECT: 'PROSPECT', ACTIVE: 'ACTIVE', PAUSED: 'PAUSED', ALUMNI: 'ALUMNI' } as const;
export const EngagementPhaseEnum = { DISCOVER: 'DISCOVER', PLAN: 'PLAN', ACT: 'ACT' } as const;
export const EngagementStatusEnum = {
  DRAFT: 'DRAFT',
  ACTIVE: 'ACTIVE',
  PAUSED: 'PAUSED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
export const CadenceFrequencyEnum = { MONTHLY: 'MONTHLY', QUARTERLY: 'QUARTERLY', SEMI_ANNUAL: 'SEMI_ANNUAL', AD_HOC: 'AD_HOC' } as const;
export const CadenceAnchorKindEnum = { DAY_OF_MONTH: 'DAY_OF_MONTH', ORDINAL_WEEKDAY: 'ORDINAL_WEEKDAY' } as const;
export const SessionStatusEnum = { SCHEDULED: 'SCHEDULED', COMPLETED: 'COMPLETED', CANCELLED: 'CANCELLED', NO_SHOW: 'NO_SHOW' } as const;
export const ActionItemStatusEnum = { OPEN: 'OPEN', DONE: 'DONE', DROPPED: 'DROPPED' } as const;
export const GoalCategoryEnum = {
  CAREER: 'CAREER',
  FINANCIAL: 'FINANCIAL',
  LEARNING: 'LEARNING',
  NETWORK: 'NETWORK',
  LIFE: 'LIFE',
} as const;
export const ClientOrderEnum = {
  NAME: 'NAME',
  NAME_DESC: 'NAME_DESC',
  RECENTLY_ADDED: 'RECENTLY_ADDED',
  NEXT_SESSION: 'NEXT_SESSION',
} as const;
export const GoalHorizonEnum = {
  ONE_YEAR: 'ONE_YEAR',
  THREE_YEARS: 'THREE_YEARS',
  FIVE_YEARS: 'FIVE_YEARS',
  TEN_YEARS: 'TEN_YEARS',
} as const;

registerEnumType(UserRoleEnum, { name: 'UserRole' });
registerEnumType(ClientStatusEnum, { name: 'ClientStatus' });
registerEnumType(EngagementPhaseEnum, { name: 'EngagementPhase' });
registerEnumType(EngagementStatusEnum, { name: 'EngagementStatus' });
registerEnumType(CadenceFrequencyEnum, { name: 'CadenceFrequency' });
registerEnumType(CadenceAnchorKindEnum, { name: 'CadenceAnchorKind' });
registerEnumType(SessionStatusEnum, { name: 'SessionStatus' });
registerEnumType(ActionItemStatusEnum, { name: 'ActionItemStatus' });
registerEnumType(GoalCategoryEnum, { name: 'GoalCategory' });
registerEnumType(GoalHorizonEnum, { name: 'GoalHorizon' });
registerEnumType(ClientOrderEnum, {
  name: 'ClientOrder',
  description: 'Roster order.',
  valuesMap: {
    NAME: { description: 'By name, A to Z (the default).' },
    NAME_DESC: { description: 'By name, Z to A.' },
    RECENTLY_ADDED: { description: 'Newest clients first.' },
    NEXT_SESSION: { description: 'Soonest next scheduled session first; clients without one last, by name.' },
  },
});
