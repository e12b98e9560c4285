import { expandCadence, validateCadence, type Cadence } from '#tandem/scheduling';

export type { Cadence, CadenceAnchor, CadenceFrequency, Weekday, WeekdayOrdinal } from '#tandem/scheduling';

export interface PreviewOptions {
  /** 'YYYY-MM-DD' in the cadence zone. */
  startDate: string;
  endDate?: string | null;
  /** "Now": no session before it. */
  from: Date;
  /** How many sessions to show at most. */
  count: number;
  /** Default 12, as far ahead as the API plans when an engagement is activated. */
  horizonMonths?: number;
}

/**
 * The next sessions a cadence would plan, computed in the browser with the server's own cadence
 * code (libs/scheduling), so the preview and the plan agree, DST rules included. An invalid or
 * incomplete cadence previews as no sessions rather than throwing while the coach is typing.
 */
export function previewSessions(cadence: Cadence, options: PreviewOptions): Date[] {
  if (validateCadence(cadence).length > 0) return [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.startDate)) return [];
  const endDate = options.endDate && /^\d{4}-\d{2}-\d{2}$/.test(options.endDate) ? options.endDate : null;
  try {
    return expandCadence(cadence, {
      startDate: options.startDate,
      endDate,
      from: options.from,
      maxCount: Math.max(0, options.count),
      horizonMonths: options.horizonMonths ?? 12,
    });
  } catch {
    return [];
  }
}
