import { BENCH_EMAIL_DOMAIN, countRows, seedPractice, type DatasetShape } from '../dataset-seed.js';
import { adminQuery, benchDatabase, type BenchContext, readDatasetFingerprint, writeDatasetFingerprint } from '../support/bench-context.js';

/**
 * One practice of the growth part: `coaches` × `clientsPerCoach` clients with the API data
 * set's content (bench/dataset-seed.ts, activity included), in its own database, reused while
 * its fingerprint (version, shape, age) holds, as bench/dataset.ts does for the API data set.
 */

/** Bump when the content or the shape changes: a stored practice of another version is rebuilt. */
export const GROWTH_DATASET_VERSION = 'growth-dataset-v1';

/** Older than this and it is rebuilt: "upcoming" and "due soon" are relative to when it was seeded. */
const MAX_AGE_DAYS = 7;

export interface GrowthPractice {
  name: string;
  url: string;
  shape: DatasetShape;
  clients: number;
  seeded: boolean;
  seconds: number;
  seededAt: string;
  practiceId: string;
  /** coach1: the coach whose roster is measured (clientsPerCoach clients at every size). */
  coachUserId: string;
  counts: Record<string, number>;
}

interface Fingerprint extends DatasetShape {
  version: string;
  seededAt: string;
}

export async function prepareGrowthPractice(ctx: BenchContext, name: string, shape: DatasetShape): Promise<GrowthPractice> {
  let url = await benchDatabase(ctx, name);
  const stored = await readDatasetFingerprint<Fingerprint>(url);
  const label = `growth ${shape.coaches * shape.clientsPerCoach} clients`;
  const reusable =
    stored !== null &&
    stored.version === GROWTH_DATASET_VERSION &&
    stored.coaches === shape.coaches &&
    stored.clientsPerCoach === shape.clientsPerCoach &&
    Date.now() - Date.parse(stored.seededAt) < MAX_AGE_DAYS * 86_400_000;
  let seeded = false;
  let seconds = 0;
  let seededAt = stored?.seededAt ?? '';
  if (reusable) {
    ctx.progress(`${label}: reusing ${name} (${shape.coaches} coaches × ${shape.clientsPerCoach} clients, seeded ${stored.seededAt})`);
  } else {
    ctx.progress(`${label}: building ${name} (${shape.coaches} coaches × ${shape.clientsPerCoach} clients)`);
    const started = Date.now();
    url = await benchDatabase(ctx, name, { fresh: true });
    await seedPractice(url, shape, { activity: true, chunkClients: 2000, progress: throttled(ctx.progress, 10_000), label });
    ctx.progress(`${label}: VACUUM ANALYZE`);
    await adminQuery(url, 'VACUUM ANALYZE');
    seededAt = new Date().toISOString();
    await writeDatasetFingerprint(url, { version: GROWTH_DATASET_VERSION, ...shape, seededAt });
    seconds = (Date.now() - started) / 1000;
    seeded = true;
    ctx.progress(`${label}: built in ${seconds.toFixed(1)} s`);
  }
  const [coach] = await adminQuery<{ id: string; practice_id: string }>(url, `SELECT id, practice_id FROM app_user WHERE email = $1`, [
    `coach1@${BENCH_EMAIL_DOMAIN}`,
  ]);
  if (!coach) throw new Error(`${name}: coach1 is missing (seed incomplete?)`);
  return {
    name,
    url,
    shape,
    clients: shape.coaches * shape.clientsPerCoach,
    seeded,
    seconds,
    seededAt,
    practiceId: coach.practice_id,
    coachUserId: coach.id,
    counts: await countRows(url),
  };
}

/** At most one line per `everyMs` (the last one always), so 50 chunks do not print 50 lines. */
function throttled(progress: (message: string) => void, everyMs: number): (message: string) => void {
  let last = 0;
  return (message) => {
    const now = Date.now();
    if (now - last >= everyMs || /(\d+)\/\1\b/.test(message)) {
      last = now;
      progress(message);
    }
  };
}
