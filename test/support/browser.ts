import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Clock } from '#tandem/clock';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { takeSignUpLinks } from './sign-up-links.js';
import { freePort } from './free-port.js';
import { createTestRuntime, type TestRuntime } from './test-runtime.js';

/** Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here ('' when they can). Outside CI a missing Chromium
 * skips them with this reason; in CI (CI=true) it fails the run, since .ci/run installs it.
 */
export const browserSkipReason: string = existsSync(chromiumPath)
  ? ''
  : `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;

/** `describe` when Chromium is there; a skipped block naming why otherwise (a failure in CI). */
export function describeWithBrowser(name: string, body: () => void): void {
  if (browserSkipReason && process.env.CI === 'true') {
    throw new Error(`CI=true and the browser tests cannot run: ${browserSkipReason}`);
  }
  if (browserSkipReason) process.stderr.write(`\nBrowser tests skipped: ${browserSkipReason}\n`);
  // Conditional by design, like describeWithRedis: a visible skip, never a forgotten .skip.
  const describeOrSkip = browserSkipReason ? describe.skip : describe;
  describeOrSkip(browserSkipReason ? `${name} [skipped: ${browserSkipReason}]` : name, body);
}

/**
 * Code handed to page.evaluate runs in the browser. This project's TypeScript has no DOM library
 * (the API must not see browser globals), so that code reaches the page's globals through this.
 */
type PageGlobals = any;

// The build `npm run build:web` writes (WEB_APP_DIR overrides it, as for the API).
const BUILT_WEB_APP = path.resolve(process.env.WEB_APP_DIR ?? 'dist/web');

/**
 * The real API serving the built web app on 127.0.0.1, on a fresh database cloned from the
 * template, with APP_URL pointing at itself so the links it makes (invitations) open here.
 */
export class WebApp {
  private constructor(
    readonly baseUrl: string,
    readonly runtime: TestRuntime,
    private readonly app: INestApplication,
    private readonly webDir: string,
  ) {}

  /** `clock`: the one the API reads (default the system's). */
  static async start(options: { clock?: Clock } = {}): Promise<WebApp> {
    if (!existsSync(path.join(BUILT_WEB_APP, 'index.html'))) {
      throw new Error(
        `${path.join(BUILT_WEB_APP, 'index.html')} is missing: run \`npm run build:web\` first (npm test builds it before Jest runs)`,
      );
    }
    // A copy of the build of this run's own, so a rebuild in the working tree mid-run cannot pull assets away.
    const webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-web-'));
    await fs.cp(BUILT_WEB_APP, webDir, { recursive: true });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const runtime = await createTestRuntime({ env: { APP_URL: baseUrl, PORT: String(port) } });
    const app = await createApiApp(runtime, {
      runWorker: false,
      schemaFile: false,
      webAppDir: webDir,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    await app.listen(port, '127.0.0.1');
    return new WebApp(baseUrl, runtime, app, webDir);
  }

  /** The sign-up confirmation link the address would receive (the email itself is not sent). */
  async signUpLink(email: string): Promise<string> {
    const [link] = await takeSignUpLinks(this.app, email);
    if (!link) throw new Error(`no sign-up link for ${email}`);
    return link;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.runtime.dispose();
    await fs.rm(this.webDir, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

const SCREENSHOTS = path.resolve('test-results/screenshots');

/** Empties test-results/screenshots/, so the pictures left are this run's. */
export async function resetScreenshots(): Promise<void> {
  await fs.rm(SCREENSHOTS, { recursive: true, force: true });
}

/** A full-page PNG under test-results/screenshots/ (gitignored), kept as an artifact of the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  // Let fonts and pending images settle, so the picture shows the page as a person sees it.
  await page.evaluate(() => (globalThis as PageGlobals).document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Same viewport, other size, a screenshot, then back: for phone pictures of a page already open. */
export async function screenshotAt(page: Page, size: { width: number; height: number }, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(size);
  try {
    await screenshot(page, name);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * Runs a step of a browser test; when it fails, saves a screenshot of each given page under
 * test-results/screenshots/failed-*.png and adds the page's address and visible text to the error.
 */
export async function withDiagnostics<T>(name: string, pages: () => Page[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const notes: string[] = [];
    for (const [index, page] of pages().entries()) {
      if (page.isClosed()) continue;
      const label = `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${index + 1}`;
      await screenshot(page, label).catch(() => undefined);
      const visible = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => '(no text)');
      notes.push(`page ${index + 1} at ${page.url()} (test-results/screenshots/${label}.png):\n${visible.slice(0, 1_500)}`);
    }
    if (error instanceof Error) {
      const extra = `\n\n${notes.join('\n\n')}`;
      error.message += extra;
      if (error.stack) error.stack = error.stack.replace(/\n\s+at [\s\S]*$/, (frames) => `${extra}${frames}`);
    }
    throw error;
  }
}

export interface GraphQLExchange {
  operationName: string | undefined;
  requestBody: string;
  responseBody: string;
}

/**
 * Records every GraphQL request a browser context sends and the body of each answer, so a test
 * can assert what crossed the network (not only what the page shows).
 */
export interface GraphQLTraffic {
  exchanges: GraphQLExchange[];
  /** Every exchange so far, once the bodies of the answers already received have been read. */
  settled(): Promise<GraphQLExchange[]>;
}

export function recordGraphQL(context: BrowserContext): GraphQLTraffic {
  const exchanges: GraphQLExchange[] = [];
  const pending: Array<Promise<void>> = [];
  context.on('response', (response) => {
    const request = response.request();
    const url = new URL(request.url());
    if (url.pathname !== '/graphql') return;
    // Queries may travel as GET (in the address) as well as POST (in the body): record both.
    const requestBody = request.method() === 'GET' ? JSON.stringify(Object.fromEntries(url.searchParams)) : (request.postData() ?? '');
    let operationName: string | undefined;
    try {
      operationName = (JSON.parse(requestBody) as { operationName?: string }).operationName;
    } catch {
      operationName = undefined;
    }
    pending.push(
      response
        .text()
        .catch((error: unknown) => `(body unavailable: ${String(error)})`)
        .then((responseBody) => {
          exchanges.push({ operationName, requestBody, responseBody });
        }),
    );
  });
  return {
    exchanges,
    settled: async () => {
      await Promise.all(pending);
      return exchanges;
    },
  };
}

export interface Unlabelled {
  kind: 'control' | 'image';
  html: string;
}

/**
 * A small accessibility smoke check run in the page: every visible input, select and textarea has
 * an accessible name (label, aria-label, aria-labelledby or title), and every image has an alt.
 */
export async function unlabelledElements(page: Page): Promise<Unlabelled[]> {
  return page.evaluate(() => {
    const { document } = globalThis as PageGlobals;
    const text = (element: PageGlobals) => String(element?.textContent ?? '').trim();
    const problems: Array<{ kind: 'control' | 'image'; html: string }> = [];
    const controls: PageGlobals[] = Array.from(document.querySelectorAll('input, select, textarea'));
    for (const control of controls) {
      if (control.type === 'hidden') continue;
      const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id: string) => text(document.getElementById(id)))
        .join(' ')
        .trim();
      const fromLabels = Array.from<PageGlobals>(control.labels ?? [])
        .map((label) => text(label))
        .join(' ')
        .trim();
      const named =
        (control.getAttribute('aria-label') ?? '').trim() || labelledBy || fromLabels || (control.getAttribute('title') ?? '').trim();
      if (!named) problems.push({ kind: 'control', html: control.outerHTML.slice(0, 200) });
    }
    for (const image of Array.from<PageGlobals>(document.querySelectorAll('img'))) {
      if (!image.hasAttribute('alt')) problems.push({ kind: 'image', html: image.outerHTML.slice(0, 200) });
    }
    return problems;
  });
}

/** Opens a path inside the running app as a link would (history + popstate), without reloading it. */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    const { window, PopStateEvent } = globalThis as PageGlobals;
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, path);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

/** Puts the keyboard at the very start of the document, as on arriving at a page. */
export async function focusDocumentStart(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as PageGlobals;
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
}

/** The focused element's text, and whether it is inside the main landmark. */
export async function focusedElement(page: Page): Promise<{ text: string; inMain: boolean }> {
  return page.evaluate(() => {
    const active = (globalThis as PageGlobals).document.activeElement;
    return { text: String(active?.textContent ?? '').trim(), inMain: Boolean(active?.closest('main')) };
  });
}

/** Resolves once the page has painted twice: what a query's answer changes is on screen by then. */
export async function afterPaint(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { requestAnimationFrame } = globalThis as PageGlobals;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
}
