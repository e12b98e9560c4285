import { BadUserInputError } from '#tandem/errors';
import { validateCadence, type Cadence, type Weekday, type WeekdayOrdinal } from '#tandem/scheduling';
import type { CadenceInput } from './engagement.inputs.js';
import type { Engagement } from './engagement.entity.js';

/** The cadence stored on an engagement, as the scheduling module's rule. */
export function cadenceOf(engagement: Engagement): Cadence {
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

/** Checks a cadence input and turns it into the engagement's cadence columns. */
export function cadenceColumns(input: CadenceInput, defaultTimeZone: string): Pick<
  Engagement,
  'cadenceFrequency' | 'cadenceAnchorKind' | 'cadenceDay' | 'cadenceOrdinal' | 'cadenceWeekday' | 'cadenceLocalTime' | 'cadenceTimeZone'
> {
  if (input.anchor === 'DAY_OF_MONTH' && input.day === undefined) throw new BadUserInputError('cadence.day is required for DAY_OF_MONTH', 'cadence.day');
  if (input.anchor === 'ORDINAL_WEEKDAY' && (input.ordinal === undefined || input.weekday === undefined)) {
    throw new BadUserInputError('cadence.ordinal and cadence.weekday are required for ORDINAL_WEEKDAY', 'cadence.ordinal');
  }
  const columns = {
    cadenceFrequency: input.frequency,
    cadenceAnchorKind: input.anchor,
    cadenceDay: input.anchor === 'DAY_OF_MONTH' ? (input.day ?? null) : null,
    cadenceOrdinal: input.anchor === 'ORDINAL_WEEKDAY' ? (input.ordinal ?? null) : null,
    cadenceWeekday: input.anchor === 'ORDINAL_WEEKDAY' ? (input.weekday ?? null) : null,
    cadenceLocalTime: input.localTime,
    cadenceTimeZone: input.timeZone ?? defaultTimeZone,
  };
  const problems = validateCadence(cadenceOf(columns as Engagement));
  if (problems.length) throw new BadUserInputError(`cadence: ${problems.join('; ')}`, 'cadence');
  return columns;
}
