import { BadUserInputError } from '#tandem/errors';
import { validateCadence, type Cadence, type Weekday, type WeekdayOrdinal } from '#tandem/scheduling';
import type { CadenceInput } from './engagement.inputs.js';
import type { Engagement } from './engagement.entity.js';

export type CadenceColumns = Pick<
  Engagement,
  'cadenceFrequency' | 'cadenceAnchorKind' | 'cadenceDay' | 'cadenceOrdinal' | 'cadenceWeekday' | 'cadenceLocalTime' | 'cadenceTimeZone'
>;

/** What an AD_HOC rule is handed to the scheduling module with: it plans nothing, so the day never counts. */
const AD_HOC_ANCHOR = { kind: 'DAY_OF_MONTH', day: 1 } as const;

/** The cadence stored on an engagement, as the scheduling module's rule (AD_HOC with a placeholder anchor). */
export function cadenceOf(engagement: CadenceColumns): Cadence {
  if (engagement.cadenceFrequency === 'AD_HOC') {
    return { frequency: 'AD_HOC', anchor: AD_HOC_ANCHOR, localTime: engagement.cadenceLocalTime, timeZone: engagement.cadenceTimeZone };
  }
  return {
    frequency: engagement.cadenceFrequency,
    anchor:
      engagement.cadenceAnchorKind === 'DAY_OF_MONTH'
        ? { kind: 'DAY_OF_MONTH', day: engagement.cadenceDay ?? 1 }
        : {
            kind: 'ORDINAL_WEEKDAY',
            ordinal: (engagement.cadenceOrdinal ?? 1) as WeekdayOrdinal,
            weekday: (engagement.cadenceWeekday ?? 1) as Weekday,
          },
    localTime: engagement.cadenceLocalTime,
    timeZone: engagement.cadenceTimeZone,
  };
}

/** The engagement columns that store a cadence rule (the inverse of cadenceOf). */
export function cadenceToColumns(cadence: Cadence): CadenceColumns {
  const { anchor } = cadence;
  return {
    cadenceFrequency: cadence.frequency,
    cadenceAnchorKind: anchor.kind,
    cadenceDay: anchor.kind === 'DAY_OF_MONTH' ? anchor.day : null,
    cadenceOrdinal: anchor.kind === 'ORDINAL_WEEKDAY' ? anchor.ordinal : null,
    cadenceWeekday: anchor.kind === 'ORDINAL_WEEKDAY' ? anchor.weekday : null,
    cadenceLocalTime: cadence.localTime,
    cadenceTimeZone: cadence.timeZone,
  };
}

/** The local time an AD_HOC cadence keeps when none is given (what a new session is offered at). */
export const AD_HOC_LOCAL_TIME = '09:00';

/**
 * Checks a cadence input and turns it into the engagement's cadence columns. AD_HOC plans no
 * sessions, so it has no day: any anchor given is ignored, the day columns stay empty and the
 * anchor kind column (NOT NULL) keeps its default.
 */
export function cadenceColumns(input: CadenceInput, defaultTimeZone: string): CadenceColumns {
  const timeZone = input.timeZone ?? defaultTimeZone;
  if (input.frequency === 'AD_HOC') {
    const localTime = input.localTime ?? AD_HOC_LOCAL_TIME;
    const problems = validateCadence({ frequency: 'AD_HOC', anchor: AD_HOC_ANCHOR, localTime, timeZone });
    if (problems.length) throw new BadUserInputError(`cadence: ${problems.join('; ')}`, 'cadence');
    return {
      cadenceFrequency: 'AD_HOC',
      cadenceAnchorKind: 'DAY_OF_MONTH',
      cadenceDay: null,
      cadenceOrdinal: null,
      cadenceWeekday: null,
      cadenceLocalTime: localTime,
      cadenceTimeZone: timeZone,
    };
  }
  if (input.localTime == null) {
    throw new BadUserInputError(`cadence.localTime (HH:mm) is required for a ${input.frequency} cadence`, 'cadence.localTime');
  }
  if (input.anchor === 'DAY_OF_MONTH' && input.day === undefined)
    throw new BadUserInputError('cadence.day is required for DAY_OF_MONTH', 'cadence.day');
  if (input.anchor === 'ORDINAL_WEEKDAY' && (input.ordinal === undefined || input.weekday === undefined)) {
    throw new BadUserInputError('cadence.ordinal and cadence.weekday are required for ORDINAL_WEEKDAY', 'cadence.ordinal');
  }
  const cadence: Cadence = {
    frequency: input.frequency,
    anchor:
      input.anchor === 'DAY_OF_MONTH'
        ? { kind: 'DAY_OF_MONTH', day: input.day! }
        : { kind: 'ORDINAL_WEEKDAY', ordinal: input.ordinal as WeekdayOrdinal, weekday: input.weekday as Weekday },
    localTime: input.localTime,
    timeZone,
  };
  const problems = validateCadence(cadence);
  if (problems.length) throw new BadUserInputError(`cadence: ${problems.join('; ')}`, 'cadence');
  return cadenceToColumns(cadence);
}
