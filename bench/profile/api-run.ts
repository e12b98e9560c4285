// One server (a Tandem build or the raw server) kept running for `ab.ts`, which loads it in interleaved rounds.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import readline from 'node:readline';
import pg from 'pg';
import type { Actor } from '#tandem/coaching';

/**
 * `node dist/bench/profile/api-run.js` with PROFILE_SERVER (JSON: server, dataset) in the
 * environment: starts Tandem as the bench does (startTandem, NODE_ENV=production) or the raw
 * server, checks both pages answer without errors and prints one JSON line (pid, the pages'
 * URLs, headers and bodies). Then it reads commands on stdin: `profile-start`,
 * `profile-stop <file>` (a CPU profile of what ran in between); end of input stops it.
 */
interface ServerSpec {
  server: 'tandem' | 'raw';
  dataset: { url: string; practiceId: string; coach: { userId: string }; client: { userId: string; clientId: string } };
}

const JWT_SECRET = 'x'.repeat(48);

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.PROFILE_SERVER ?? '') as ServerSpec;
  process.env.NODE_ENV ??= 'production';
  await import('reflect-metadata');
  const { startTandem, rosterQuery, PORTAL_QUERY, benchTokens, bearer } = await import('../api.bench.js');
  const { startRawApiServer } = await import('../raw-api-server.js');
  const { AccessTokenService } = await import('#tandem/coaching');
  const { loadConfig } = await import('#tandem/config');

  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET, DATABASE_URL: spec.dataset.url, LOG_LEVEL: 'silent' });
  const { dataset } = spec;
  const tokens = new AccessTokenService(config);
  const db = new pg.Client({ connectionString: dataset.url });
  await db.connect();
  const issuer = benchTokens(tokens, (sql, values) => db.query(sql, values));
  const headersFor = (actor: Actor) => bearer(issuer, actor);
  const coach = { userId: dataset.coach.userId, practiceId: dataset.practiceId, role: 'COACH' as const, clientId: null };
  const client = {
    userId: dataset.client.userId,
    practiceId: dataset.practiceId,
    role: 'CLIENT' as const,
    clientId: dataset.client.clientId,
  };

  let base: string;
  let close: () => Promise<void>;
  if (spec.server === 'tandem') {
    const tandem = await startTandem(dataset.url, true);
    base = tandem.url;
    close = () => tandem.close();
  } else {
    const raw = await startRawApiServer({ databaseUrl: dataset.url, jwtSecret: JWT_SECRET, poolSize: 20, rosterFirst: 100 });
    base = raw.url;
    close = () => raw.close();
  }
  const path = (page: string) => (spec.server === 'tandem' ? '/graphql' : `/${page}`);
  const pages = {
    roster: { url: base + path('roster'), headers: await headersFor(coach), body: JSON.stringify({ query: rosterQuery(100) }) },
    portal: {
      url: base + path('portal'),
      headers: await headersFor(client),
      body: JSON.stringify({ query: PORTAL_QUERY, variables: { from: new Date().toISOString() } }),
    },
  };
  await db.end();
  for (const page of Object.values(pages)) {
    const answer = await fetch(page.url, { method: 'POST', headers: page.headers, body: page.body });
    const text = await answer.text();
    if (answer.status !== 200 || text.includes('"errors"')) throw new Error(`${page.url} answered ${answer.status}: ${text.slice(0, 300)}`);
  }
  process.stdout.write(JSON.stringify({ pid: process.pid, pages }) + '\n');

  let session: Session | undefined;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [command, file] = line.trim().split(' ');
    if (command === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
    } else if (command === 'profile-stop' && session && file) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    }
    process.stdout.write('ok\n');
  }
  await close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
