import { BENCH_EMAIL_DOMAIN, countRows, datasetShape, seedPractice, type DatasetShape } from './dataset-seed.js';
import { adminQuery, benchDatabase, type BenchContext, readDatasetFingerprint, writeDatasetFingerprint } from './support/bench-context.js';

// The API benchmark's data set: built once by dataset-seed.ts, then reused while its fingerprint (version, shape, age) holds.

/** Bump when the content or the shape of the data set changes: a stored data set of another version is rebuilt. */
export const API_DATASET_VERSION = 'api-dataset-v2';

/** A stored data set older than this is rebuilt: its "upcoming" and "due soon" are relative to when it was seeded. */
const MAX_DATASET_AGE_DAYS = 7;

/** What the measurements need to know about a seeded data set. */
export interface BenchDataset {
  url: string;
  shape: DatasetShape;
  /** False when a stored data set with the same fingerprint was reused. */
  seeded: boolean;
  /** Seconds spent building it (0 when reused). */
  seconds: number;
  seededAt: string;
  practiceId: string;
  /** The coach measured (coach 1, clientsPerCoach clients). */
  coach: { userId: string; clients: number };
  /** The client measured in the portal (that coach's first client by number). */
  client: { userId: string; clientId: string };
  /** Rows per table. */
  counts: Record<string, number>;
}

/**
 * The API data set in database `name`: reused when its fingerprint (version, shape,
 * age) matches, else rebuilt in a fresh database.
 */
export async function prepareApiDataset(ctx: BenchContext, name: string): Promise<BenchDataset> {
  const shape = datasetShape(ctx.scale);
  let url = await benchDatabase(ctx, name);
  const stored = await readDatasetFingerprint<Fingerprint>(url);
  const reusable =
    stored !== null &&
    stored.version === API_DATASET_VERSION &&
    stored.coaches === shape.coaches &&
    stored.clientsPerCoach === shape.clientsPerCoach &&
    Date.now() - Date.parse(stored.seededAt) < MAX_DATASET_AGE_DAYS * 86_400_000;
  let seeded = false;
  let seconds = 0;
  let seededAt = stored?.seededAt ?? '';
  if (reusable) {
    ctx.progress(`api data set: reusing ${name} (${shape.coaches} coaches × ${shape.clientsPerCoach} clients, seeded ${stored.seededAt})`);
  } else {
    ctx.progress(
      stored
        ? `api data set: ${name} holds ${stored.version} ${stored.coaches}×${stored.clientsPerCoach} seeded ${stored.seededAt}; rebuilding`
        : `api data set: building ${name} (${shape.coaches} coaches × ${shape.clientsPerCoach} clients)`,
    );
    const started = Date.now();
    url = await benchDatabase(ctx, name, { fresh: true });
    await seedPractice(url, shape, { activity: true, progress: ctx.progress, label: 'api data set' });
    ctx.progress('api data set: VACUUM ANALYZE');
    await adminQuery(url, 'VACUUM ANALYZE');
    seededAt = new Date().toISOString();
    await writeDatasetFingerprint(url, { version: API_DATASET_VERSION, ...shape, seededAt });
    seconds = (Date.now() - started) / 1000;
    seeded = true;
    ctx.progress(`api data set: built in ${seconds.toFixed(1)} s`);
  }
  return { url, shape, seeded, seconds, seededAt, ...(await identities(url, shape)), counts: await countRows(url) };
}

interface Fingerprint extends DatasetShape {
  version: string;
  seededAt: string;
}

async function identities(url: string, shape: DatasetShape): Promise<Pick<BenchDataset, 'practiceId' | 'coach' | 'client'>> {
  const [coach] = await adminQuery<{ id: string; practice_id: string }>(url, `SELECT id, practice_id FROM app_user WHERE email = $1`, [
    `coach1@${BENCH_EMAIL_DOMAIN}`,
  ]);
  const [client] = await adminQuery<{ id: string; user_id: string }>(url, `SELECT id, user_id FROM client WHERE email = $1`, [
    `client1@${BENCH_EMAIL_DOMAIN}`,
  ]);
  if (!coach || !client) throw new Error('bench data set: coach1 or client1 is missing (seed incomplete?)');
  return {
    practiceId: coach.practice_id,
    coach: { userId: coach.id, clients: shape.clientsPerCoach },
    client: { userId: client.user_id, clientId: client.id },
  };
}
