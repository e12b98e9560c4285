import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, In, type EntityManager } from 'typeorm';
import { COACHING_ENTITIES, Practice, User, hashPassword } from '#tandem/coaching';
import { ConfigError } from '#tandem/config';
import { TypeOrmPinoLogger, dataSourceOptions } from '#tandem/database';
import { DemoBuilder } from './demo-builder.js';
import { DEMO_CLIENT_EMAIL, DEMO_COACH_EMAIL, DEMO_OWNER_EMAIL, DEMO_PASSWORD, DEMO_PRACTICE_NAME } from './demo-practice.data.js';
import type { DemoCredentials, DemoSummary } from './demo-practice.types.js';

export { DEMO_CLIENT_EMAIL, DEMO_COACH_EMAIL, DEMO_OWNER_EMAIL, DEMO_PASSWORD, DEMO_PRACTICE_NAME } from './demo-practice.data.js';
export type { DemoLogin, DemoSummary } from './demo-practice.types.js';

/**
 * Whether `npm start` should seed the demo practice: SEED_DEMO is true/false/1/0.
 * Unset means yes, except with NODE_ENV=production, where a practice with a
 * published password must be asked for explicitly.
 */
export function seedDemoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.SEED_DEMO?.trim() ?? '';
  if (raw === '') return env.NODE_ENV?.trim() !== 'production';
  const value = raw.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`Invalid configuration: SEED_DEMO must be true, false, 1 or 0 (got "${raw}")`);
}

/** Seeds the demo practice through a short-lived DataSource of its own (the CLI and `npm start`). */
export interface DemoSeedOptions {
  now?: Date;
  /**
   * `published` (default): every log-in uses DEMO_PASSWORD, for a local try-out.
   * `random`: each gets a random password of its own, reported once in the summary
   * (a seed forced in production must not open a practice with a published password).
   */
  passwords?: 'published' | 'random';
}

export async function seedDemoDatabase(
  target: { databaseUrl: string; logger: Logger },
  options: DemoSeedOptions = {},
): Promise<DemoSummary | null> {
  const dataSource = new DataSource(
    dataSourceOptions({
      url: target.databaseUrl,
      poolSize: 2,
      logger: new TypeOrmPinoLogger(target.logger),
      applicationName: 'tandem-seed',
      entities: COACHING_ENTITIES,
    }),
  );
  await dataSource.initialize();
  try {
    return await seedDemoPractice(dataSource, options);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Creates the "Northstar Career Coaching" demo practice, a year into its life
 * at `now`: coaches, clients, engagements, a year of past sessions and the
 * coming ones, action items, goals with check-ins and career plans. Returns
 * null, writing nothing, when the demo practice is already there.
 */
export async function seedDemoPractice(dataSource: DataSource, options: DemoSeedOptions = {}): Promise<DemoSummary | null> {
  const now = options.now ?? new Date();
  return dataSource.transaction(async (manager) => {
    // Two processes starting on a fresh database at once must not both seed.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['tandem.demo-seed']);
    if (await demoPracticeExists(manager)) return null;
    const demo = new DemoBuilder(now, await demoCredentials(options.passwords ?? 'published'));
    demo.build();
    return demo.write(manager);
  });
}

/** Also true when any demo log-in is taken: e-mail addresses are unique across practices, so seeding would fail. */
async function demoPracticeExists(manager: EntityManager): Promise<boolean> {
  const emails = [DEMO_OWNER_EMAIL, DEMO_COACH_EMAIL, DEMO_CLIENT_EMAIL];
  return (
    (await manager.exists(User, { where: { email: In(emails) } })) ||
    (await manager.exists(Practice, { where: { name: DEMO_PRACTICE_NAME } }))
  );
}

async function demoCredentials(passwords: 'published' | 'random'): Promise<DemoCredentials> {
  const credential = async () => {
    const password = passwords === 'random' ? randomBytes(15).toString('base64url') : DEMO_PASSWORD;
    return { password, hash: await hashPassword(password) };
  };
  const [owner, coach, client] = await Promise.all([credential(), credential(), credential()]);
  return { owner, coach, client };
}
