import { BadUserInputError } from '#tandem/errors';
import { validateCadence, type Cadence, type Weekday, type WeekdayOrdinal } from '#tandem/scheduling';
import type { CadenceInput } from './engagement.inputs.js';
import type { Engagement } from './engagement.entity.js';

export type CadenceColumns = Pick<
  Engagement,
  'cadenceFrequency' | 'cadenceAnchorKind' | 'cadenceDay' | 'cadenceOrdinal' | 'cadenceWeekday' | 'cadenceLocalTime' | 'cadenceTimeZone'
>;

/** The cadence stored on an engagement, as the scheduling module's rule. */
export function cadenceOf(engagement: CadenceColumns): Cadence {
  return {
    frequency: engagement.cadenceFrequency,
    anchor:
      engagement.cadenceAnchorKind === 'DAY_OF_MONTH'
        ? { kind: 'DAY_OF_MONTH', day: engagement.cadenceDay ?? 1 }
        : { kind: 'ORDINAL_WEEKDAY', ordinal: (engagement.cadenceOrdinal ?? 1) as WeekdayOrdinal, weekday: (engagement.cadenceWeekday ?? 1) as Weekday },
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

/** Checks a cadence input and turns it into the engagement's cadence columns. */
export function cadenceColumns(input: CadenceInput, defaultTimeZone: string): CadenceColumns {
  if (input.anchor === 'DAY_OF_MONTH' && input.day === undefined) throw new BadUserInputError('cadence.day is required for DAY_OF_MONTH', 'cadence.day');
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
    timeZone: input.timeZone ?? defaultTimeZone,
  };
  const problems = validateCadence(cadence);
  if (problems.length) throw new BadUserInputError(`cadence: ${problems.join('; ')}`, 'cadence');
  return cadenceToColumns(cadence);
}
