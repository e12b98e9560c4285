import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './support/free-port.js';
import { waitFor } from './support/wait-for.js';

const ENTRY = path.resolve('dist/apps/api/src/standalone.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start`'s entry point as its own process, with only the given environment. */
function start(env: Record<string, string>): Started {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: npm test builds it first (npm run build:fast)`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function postgresRunningOn(dataDir: string): boolean {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .some((line) => line.includes(`-D ${dataDir}`));
}

describe('npm start (the all-in-one process)', () => {
  it('stops at once with one line naming a bad variable, and no stack trace', async () => {
    const run = start({ PORT: 'abc' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('tandem: Invalid configuration: PORT must be a whole number (got "abc")');
  });

  it('refuses to start in production without a JWT secret', async () => {
    const run = start({ NODE_ENV: 'production' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/^tandem: Invalid configuration: JWT_SECRET must be set/);
  });

  describe('with nothing configured', () => {
    let root: string;
    let env: Record<string, string>;
    let pgPort: number;

    beforeAll(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-start-'));
      await fs.chmod(root, 0o755);
      pgPort = await freePort();
      env = {
        DATA_DIR: path.join(root, 'var'),
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(pgPort),
        // On by default here (2525); a free port keeps parallel runs apart.
        INBOUND_SMTP_PORT: String(await freePort()),
        LOG_FORMAT: 'json',
      };
    });
    afterAll(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    async function runUntilReady(): Promise<Started> {
      const run = start(env);
      await waitFor(() => run.output().includes('Tandem is running') || run.child.exitCode !== null, {
        timeoutMs: 45_000,
        what: 'the start banner',
      });
      if (!run.output().includes('Tandem is running')) throw new Error(`did not start:\n${run.output()}`);
      return run;
    }

    async function stop(run: Started): Promise<void> {
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
    }

    it('runs on an embedded PostgreSQL, says where everything is, stops it on Ctrl-C and keeps the data', async () => {
      const first = await runUntilReady();
      const banner = first.output();
      expect(banner).toContain(`Web app   http://localhost:${env.PORT}`);
      expect(banner).toContain(`GraphQL   http://localhost:${env.PORT}/graphql`);
      expect(banner).toContain(`embedded PostgreSQL on 127.0.0.1:${pgPort}`);
      expect(banner).toContain('BullMQ on PostgreSQL (schema "bullmq")');
      expect(banner).toMatch(/Mail\s+\.eml files in .*outbox/);
      expect(banner).toContain(`Replies   by email: SMTP on 127.0.0.1:${env.INBOUND_SMTP_PORT} for reply+…@localhost`);
      expect(banner).toMatch(/Demo\s+owner@demo\.tandem\.test \/ tandem-demo-password/);

      const response = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ version }' }),
      });
      expect(((await response.json()) as { data: { version: string } }).data.version).toBeTruthy();
      const page = await fetch(`http://127.0.0.1:${env.PORT}/clients`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      const url = `postgres://postgres:tandem-embedded@127.0.0.1:${pgPort}/tandem`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO practice (name, time_zone) VALUES ('Kept Coaching', 'Europe/London')`);
      await client.end();

      await stop(first);
      expect(postgresRunningOn(path.join(env.DATA_DIR, 'pg'))).toBe(false);

      const second = await runUntilReady();
      try {
        const again = new pg.Client({ connectionString: url });
        await again.connect();
        const { rows } = await again.query('SELECT name FROM practice ORDER BY name');
        await again.end();
        expect(rows).toEqual([{ name: 'Kept Coaching' }, { name: 'Northstar Career Coaching' }]);
        // Seeded once: the second start finds the demo practice and says nothing of it.
        expect(second.output()).not.toContain('Demo      ');
      } finally {
        await stop(second);
      }
    });
  });
});
