// Long on purpose: the web part of `npm run bench` is one script (servers, browser, throttling, figures) sharing its settings.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { BrowserContext } from 'playwright-core';
import { pino } from 'pino';
import { DEMO_CLIENT_EMAIL, DEMO_COACH_EMAIL, DEMO_PASSWORD, seedDemoDatabase } from '#tandem/demo';
import { startTandem } from './api.bench.js';
import { benchDatabase, percentile, type BenchContext, type BenchSection } from './support/bench-context.js';

/**
 * The web part of `npm run bench`: a first load of three pages in headless Chromium, as a phone
 * on a slow network sees it (Chrome DevTools' "Slow 4G" preset through CDP, and the CPU slowed
 * 4×), from a cold cache: the log-in page, a client's portal home and a coach's roster. Those two
 * are a reload of a logged-in page: the browser holds a refresh token (and the workspace hint the
 * app leaves), as after any earlier visit. For each: the script the page downloaded before its
 * data showed (gzip size, the target's unit, and what went over the wire), first contentful paint,
 * when the data showed, and the GraphQL requests sent before. The real API serves the built app
 * (dist/web) on the demo practice. BENCH_WEB_BASELINE_DIR names a second build (e.g. one of main)
 * measured in the same rounds, interleaved, for a before/after.
 */

// Chrome DevTools' "Slow 4G" (front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s down and
// 750 kbit/s up at 90 %, 150 ms × 3.75 of latency.
export const SLOW_4G = {
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const TARGETS = { login: 100, portal: 100, roster: 160 } as const;
const FCP_TARGET_MS = 2000;
const DATA_TARGET_MS = 3000;
const LOAD_TIMEOUT_MS = 90_000;
const HINT_KEY = 'tandem.workspace';
const REFRESH_KEY = 'tandem.refreshToken';

type PageName = keyof typeof TARGETS;

/** What the page shows once its data is there (the log-in page: its form). */
const VISIBLE: Record<PageName, { path: string; selector: string }> = {
  login: { path: '/login', selector: 'input[autocomplete="email"]' },
  portal: { path: '/', selector: '.next-session-when, .action-item-title' },
  roster: { path: '/clients', selector: 'table.roster-table a[href^="/clients/"]' },
};

interface Build {
  label: string;
  dir: string;
  url: string;
  app: INestApplication;
}

interface Run {
  scriptGzipBytes: number;
  scriptWireBytes: number;
  scripts: number;
  fcpMs: number;
  dataMs: number;
  graphqlBeforeData: number;
  operations: string[];
}

export async function benchWeb(ctx: BenchContext, options: { runs?: number; database?: string } = {}): Promise<BenchSection[]> {
  const runs = options.runs ?? Math.max(3, Math.min(7, Math.round(5 * ctx.scale)));
  const current = path.resolve(process.env.WEB_APP_DIR ?? 'dist/web');
  if (!existsSync(path.join(current, 'index.html'))) throw new Error(`${current}/index.html is missing: run \`npm run build:web\` first`);
  const baseline = process.env.BENCH_WEB_BASELINE_DIR ? path.resolve(process.env.BENCH_WEB_BASELINE_DIR) : null;
  if (baseline && !existsSync(path.join(baseline, 'index.html'))) throw new Error(`${baseline}/index.html is missing`);

  const databaseUrl = await benchDatabase(ctx, options.database ?? 'tandem_bench_web');
  const logger = pino({ level: 'silent' });
  const seeded = await seedDemoDatabase({ databaseUrl, logger }, { passwords: 'published' });
  ctx.progress(seeded ? 'web: seeded the demo practice' : 'web: the demo practice is there already');

  const builds: Build[] = [];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    for (const [label, dir] of baseline ? [['before', baseline] as const, ['after', current] as const] : [['now', current] as const]) {
      builds.push({ label, dir, ...(await startTandem(databaseUrl, true, { webAppDir: dir })) });
    }
    const tokens = new Map<string, string>();
    const refreshToken = async (build: Build, email: string) => tokens.get(`${build.label}:${email}`) ?? (await logIn(build.url, email));
    const results = new Map<string, Run[]>();
    const pages: PageName[] = ['login', 'portal', 'roster'];
    // Rounds of every page on every build, interleaved (before, after, before, after…).
    for (let round = 0; round < runs; round += 1) {
      for (const name of pages) {
        for (const build of builds) {
          const email = name === 'portal' ? DEMO_CLIENT_EMAIL : name === 'roster' ? DEMO_COACH_EMAIL : null;
          const token = email ? await refreshToken(build, email) : null;
          const { run, nextToken } = await measureLoad(browser, build, name, token, email === DEMO_CLIENT_EMAIL ? 'portal' : 'coach');
          if (email && nextToken) tokens.set(`${build.label}:${email}`, nextToken);
          else if (email) tokens.delete(`${build.label}:${email}`);
          const key = `${name}:${build.label}`;
          results.set(key, [...(results.get(key) ?? []), run]);
        }
      }
      ctx.progress(`web: round ${round + 1}/${runs} (load ${os.loadavg()[0].toFixed(1)})`);
    }

    const rows = pages.flatMap((name) =>
      builds.map((build) => {
        const all = results.get(`${name}:${build.label}`) ?? [];
        const median = (pick: (run: Run) => number) => percentile(all.map(pick), 50);
        const spread = (pick: (run: Run) => number) => `${Math.min(...all.map(pick)).toFixed(0)}–${Math.max(...all.map(pick)).toFixed(0)}`;
        return {
          page: name,
          build: build.label,
          runs: all.length,
          'script KB gz': Number((median((r) => r.scriptGzipBytes) / 1024).toFixed(1)),
          'target KB gz': TARGETS[name],
          'on the wire KB': Number((median((r) => r.scriptWireBytes) / 1024).toFixed(1)),
          scripts: median((r) => r.scripts),
          'FCP ms': Math.round(median((r) => r.fcpMs)),
          'FCP spread': spread((r) => r.fcpMs),
          'data ms': Math.round(median((r) => r.dataMs)),
          'data spread': spread((r) => r.dataMs),
          'GraphQL before data': median((r) => r.graphqlBeforeData),
          operations: all[0]?.operations.join(' ') ?? '',
        };
      }),
    );
    return [
      {
        name: `Web: first load in Chromium, Slow 4G (${SLOW_4G.latency} ms, ${(SLOW_4G.downloadThroughput / 1000).toFixed(0)} kB/s down) and ${CPU_SLOWDOWN}× CPU, cold cache, median of ${runs} (targets: script ≤ 100/100/160 KB gz, FCP ≤ ${FCP_TARGET_MS} ms, data ≤ ${DATA_TARGET_MS} ms, ≤ 2 GraphQL requests; host load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')})`,
        rows,
        details: {
          network: SLOW_4G,
          cpuSlowdown: CPU_SLOWDOWN,
          builds: builds.map((b) => ({ label: b.label, dir: b.dir })),
          runs: Object.fromEntries(results),
        },
      },
    ];
  } finally {
    await browser.close();
    for (const build of builds) await build.app.close();
  }
}

async function logIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: LogInInput!) { logIn(input: $input) { refreshToken } }',
      variables: { input: { email, password: DEMO_PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { logIn?: { refreshToken: string } }; errors?: Array<{ message: string }> };
  const token = body.data?.logIn?.refreshToken;
  if (!token) throw new Error(`web: log-in as ${email} failed: ${JSON.stringify(body.errors ?? body)}`);
  return token;
}

/**
 * Runs in the page before its own scripts (plain JavaScript: this project's TypeScript has no DOM
 * library): puts the log-in in storage, counts GraphQL requests and notes when the data first shows.
 */
function instrument(selector: string, token: string | null, hint: string): string {
  const args = JSON.stringify({ selector, token, hint, refreshKey: REFRESH_KEY, hintKey: HINT_KEY });
  return `(() => {
    const { selector, token, hint, refreshKey, hintKey } = ${args};
    if (token) {
      localStorage.setItem(refreshKey, token);
      localStorage.setItem(hintKey, hint);
    }
    const bench = (window.__bench = { graphql: [], visibleAt: null });
    const originalFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/graphql')) {
        let operation = '?';
        try {
          const parsed = JSON.parse(typeof init?.body === 'string' ? init.body : '');
          operation = parsed.operationName ?? (/(?:query|mutation)\\s+(\\w+)/.exec(parsed.query ?? '') ?? [])[1] ?? '?';
        } catch {}
        bench.graphql.push({ at: performance.now(), operation });
      }
      return originalFetch(input, init);
    };
    const check = () => {
      if (bench.visibleAt === null && document.querySelector(selector)) bench.visibleAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
}

interface PageBench {
  __bench: { graphql: Array<{ at: number; operation: string }>; visibleAt: number | null };
}

/** What the page saw, read once its data showed (runs in the page: only what Node's types also know). */
function readFigures(): Figures {
  const bench = (globalThis as unknown as PageBench).__bench;
  const visibleAt = bench.visibleAt ?? Infinity;
  const scripts = performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.js') && entry.startTime < visibleAt)
    .map((entry) => ({ path: new URL(entry.name).pathname, wire: (entry as unknown as { encodedBodySize: number }).encodedBodySize }));
  return {
    visibleAt,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    graphql: bench.graphql.filter((call) => call.at < visibleAt).map((call) => call.operation),
    scripts,
  };
}

interface Figures {
  visibleAt: number;
  fcp: number | null;
  graphql: string[];
  scripts: Array<{ path: string; wire: number }>;
}

async function measureLoad(
  browser: import('playwright-core').Browser,
  build: Build,
  name: PageName,
  token: string | null,
  hint: string,
): Promise<{ run: Run; nextToken: string | null }> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript({ content: instrument(VISIBLE[name].selector, token, hint) });
    await page.goto(build.url + VISIBLE[name].path, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => (globalThis as unknown as PageBench).__bench.visibleAt !== null, undefined, {
      timeout: LOAD_TIMEOUT_MS,
      polling: 100,
    });
    // The first contentful paint is reported a frame after it happens.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, {
      timeout: LOAD_TIMEOUT_MS,
    });
    const seen = await page.evaluate(readFigures);
    let gzip = 0;
    for (const script of seen.scripts) gzip += await gzipSize(build.dir, script.path);
    const nextToken = token
      ? await page.evaluate(
          (key) => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem(key),
          REFRESH_KEY,
        )
      : null;
    return {
      run: {
        scriptGzipBytes: gzip,
        scriptWireBytes: seen.scripts.reduce((sum, script) => sum + script.wire, 0),
        scripts: seen.scripts.length,
        fcpMs: seen.fcp ?? NaN,
        dataMs: seen.visibleAt,
        graphqlBeforeData: seen.graphql.length,
        operations: seen.graphql,
      },
      nextToken,
    };
  } finally {
    await context.close();
  }
}

/** The size of the build's gzip copy of an asset (level 9, as the API serves it), or the file itself when it has none. */
async function gzipSize(dir: string, urlPath: string): Promise<number> {
  const file = path.join(dir, urlPath);
  const gz = await fs.stat(`${file}.gz`).catch(() => null);
  return gz ? gz.size : (await fs.stat(file)).size;
}
