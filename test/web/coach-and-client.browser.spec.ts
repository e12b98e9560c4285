// Long on purpose: a coach and a client walk through the app in a browser, with accessibility and screenshot checks.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  WebApp,
  afterPaint,
  describeWithBrowser,
  focusDocumentStart,
  focusedElement,
  launchChromium,
  openInApp,
  recordGraphQL,
  resetScreenshots,
  screenshot,
  screenshotAt,
  unlabelledElements,
  withDiagnostics,
  type GraphQLTraffic,
  type Unlabelled,
} from '../support/browser.js';
import { ShiftedClock } from '../support/clock.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The coach's and the client's way through the real app in a real browser: the API serving the
 * built web app (dist/web), Debian's Chromium driven by playwright-core. Locators follow the
 * selector contract of issue 6 (roles and accessible names, not CSS). The steps share one coach
 * tab and one client tab and run in order; once a step fails, the later ones stop at once.
 */

// Each step waits for what a person would see, never a fixed time; these bound the waits.
const STEP_MS = 60_000;
const EXPECT_MS = 15_000;

const unique = randomBytes(4).toString('hex');
const coach = {
  name: 'Casey Coach',
  email: `coach-${unique}@example.test`,
  practice: 'Browser Test Coaching',
  password: 'correct-horse-battery',
};
const client = {
  name: `Robin Client ${unique}`,
  email: `robin-${unique}@example.test`,
  timeZone: 'America/New_York',
  password: 'another-long-passphrase',
};
const agenda = `Agenda ${unique}: review the promotion case`;
const privateSentence = `PRIVATE-${unique} the coach thinks Robin undersells themself`;
const sharedSummary = `SUMMARY-${unique} we agreed on three talking points for the review`;
const actionItem = `Draft the promotion case ${unique}`;

/** yyyy-mm-dd, `days` from today (UTC), for date inputs. */
function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The answer to the next GraphQL operation the page sends that `matches`, checked for errors. */
async function graphQLAnswer(
  page: Page,
  matches: (body: string) => boolean,
  action: () => Promise<void>,
): Promise<Record<string, unknown>> {
  const answered = page.waitForResponse((response: Response) => {
    const request = response.request();
    return request.method() === 'POST' && new URL(request.url()).pathname === '/graphql' && matches(request.postData() ?? '');
  });
  await action();
  const body = (await (await answered).json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`the GraphQL operation failed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data ?? {};
}

/** The answer to the next GraphQL mutation the page sends. */
function mutationAnswer(page: Page, action: () => Promise<void>): Promise<Record<string, unknown>> {
  return graphQLAnswer(page, (body) => /"query":"mutation/.test(body), action);
}

/** The answer to the next query named `operationName` (pages name every operation). */
function queryAnswer(page: Page, operationName: string, action: () => Promise<void>): Promise<Record<string, unknown>> {
  return graphQLAnswer(page, (body) => body.includes(`"operationName":"${operationName}"`), action);
}

/** Fills in and sends the sign-up form, then opens the link of the confirmation email. */
async function signUp(web: WebApp, page: Page, who: typeof coach): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Your name', { exact: true }).fill(who.name);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Practice name', { exact: true }).fill(who.practice);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/London');
  await page.getByRole('button', { name: 'Create practice' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  expect(await page.getByText(`We sent an email to ${who.email}`).isVisible()).toBe(true);
  await page.goto(await web.signUpLink(who.email));
  await page.getByRole('button', { name: 'Open my practice' }).click();
}

/** Fills in and sends the log-in form already on screen. */
async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describeWithBrowser('the web app in a browser: a coach and their client', () => {
  let web: WebApp;
  let browser: Browser;
  let coachContext: BrowserContext;
  let coachPage: Page;
  let clientContext: BrowserContext | undefined;
  let clientPage: Page | undefined;
  let clientTraffic: GraphQLTraffic | undefined;
  let coachTraffic: GraphQLTraffic;
  const found: Record<string, string | undefined> = {};
  const accessibility: Array<{ page: string; problems: Unlabelled[] }> = [];
  let failedStep: string | undefined;

  // The API's clock: moved past the first session's start while the coach writes it up and completes it.
  const clock = new ShiftedClock();

  beforeAll(async () => {
    await resetScreenshots();
    web = await WebApp.start({ clock });
    browser = await launchChromium();
    coachContext = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP, timezoneId: 'Europe/London', locale: 'en-GB' });
    coachContext.setDefaultTimeout(EXPECT_MS);
    coachTraffic = recordGraphQL(coachContext);
    coachPage = await coachContext.newPage();
  }, STEP_MS);

  afterAll(async () => {
    await clientContext?.close();
    await coachContext?.close();
    await browser?.close();
    await web?.close();
  }, STEP_MS);

  /** One step of the story; a failure leaves screenshots and the pages' text behind. */
  function step(name: string, work: () => Promise<void>): void {
    it(
      name,
      async () => {
        if (failedStep) throw new Error(`not run: the earlier step "${failedStep}" failed`);
        try {
          await withDiagnostics(name, () => [coachPage, clientPage].filter((p): p is Page => p !== undefined), work);
        } catch (error) {
          failedStep = name;
          throw error;
        }
      },
      STEP_MS,
    );
  }

  /** A desktop screenshot of the page as it is, and the accessibility smoke check on it. */
  async function capture(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    accessibility.push({ page: name, problems: await unlabelledElements(page) });
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  it(
    'sends a visitor who is not logged in from /clients to the log-in page',
    async () => {
      const context = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP });
      try {
        const page = await context.newPage();
        await page.goto('/clients');
        await page.waitForURL((url) => url.pathname === '/login');
        expect(new URL(page.url()).searchParams.get('next')).toBe('/clients');
        await page.getByRole('button', { name: 'Log in' }).waitFor();
        expect(await page.getByLabel('Email', { exact: true }).isVisible()).toBe(true);
        expect(await page.getByLabel('Password', { exact: true }).isVisible()).toBe(true);
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );

  step('lets a coach sign up and lands them on their (empty) Today, the roster a link away', async () => {
    await signUp(web, coachPage, coach);
    await coachPage.waitForURL((url) => url.pathname === '/');
    await heading(coachPage, 'Today').waitFor();
    await coachPage.getByText('Nobody needs attention').waitFor();
    await coachPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await coachPage.waitForURL((url) => url.pathname === '/clients');
    await heading(coachPage, 'Clients').waitFor();
    // Sent once: a partial answer must never make the app send the mutation again.
    expect((await coachTraffic.settled()).filter((exchange) => exchange.operationName === 'SignUp')).toHaveLength(1);
  });

  step('lets the coach log out, then log in with the form and return to the page they asked for', async () => {
    await coachPage.getByRole('button', { name: 'Log out' }).click();
    await coachPage.getByRole('button', { name: 'Log in' }).waitFor();
    await coachPage.goto('/clients');
    await coachPage.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/clients');
    await logIn(coachPage, coach);
    await coachPage.waitForURL((url) => url.pathname === '/clients');
    await heading(coachPage, 'Clients').waitFor();
  });

  step('has a skip link that takes keyboard users to the main content', async () => {
    await heading(coachPage, 'Clients').waitFor();
    // Start from the top of the document (the page has put focus on its heading).
    await focusDocumentStart(coachPage);
    await coachPage.keyboard.press('Tab');
    expect((await focusedElement(coachPage)).text).toBe('Skip to content');
    await coachPage.keyboard.press('Enter');
    await waitFor(async () => (await focusedElement(coachPage)).inMain, { what: 'focus in the main content', timeoutMs: EXPECT_MS });
    // The next Tab stays in the main content instead of walking the header again.
    await coachPage.keyboard.press('Tab');
    expect(await focusedElement(coachPage)).toEqual({ text: expect.any(String), inMain: true });
  });

  step('adds a client from the roster and lands on their page', async () => {
    // The empty roster offers it twice (page actions and the empty state).
    await coachPage.getByRole('link', { name: 'Add client' }).first().click();
    await heading(coachPage, 'New client').waitFor();
    await coachPage.getByLabel('Name', { exact: true }).fill(client.name);
    await coachPage.getByLabel('Email', { exact: true }).fill(client.email);
    await coachPage.getByLabel('Time zone', { exact: true }).selectOption(client.timeZone);
    await coachPage.getByRole('button', { name: 'Create client' }).click();
    await coachPage.waitForURL((url) => /^\/clients\/[0-9a-f-]{36}/.test(url.pathname));
    found.clientId = /^\/clients\/([0-9a-f-]{36})/.exec(new URL(coachPage.url()).pathname)![1];
    await heading(coachPage, client.name).waitFor();
  });

  step("finds the client with the roster's search", async () => {
    await coachPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await heading(coachPage, 'Clients').waitFor();
    await coachPage.getByLabel('Search clients', { exact: true }).fill(`robin client ${unique}`);
    const link = coachPage.getByRole('main').getByRole('link', { name: client.name });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/clients/${found.clientId}`);
    // A search that matches nobody shows no client.
    await coachPage.getByLabel('Search clients', { exact: true }).fill(`nobody-${unique}`);
    await link.waitFor({ state: 'detached' });
    await coachPage.getByLabel('Search clients', { exact: true }).fill('');
    await link.waitFor();
    await link.click();
    await heading(coachPage, client.name).waitFor();
  });

  step('creates a quarterly engagement, activated, with a preview of the next sessions', async () => {
    await coachPage.getByRole('link', { name: 'New engagement' }).click();
    await coachPage.waitForURL((url) => url.pathname === `/clients/${found.clientId}/engagements/new`);
    await coachPage.getByLabel('Title', { exact: true }).fill('Promotion year');
    await coachPage.getByLabel('Starts on', { exact: true }).fill(isoDay(1));
    await coachPage.getByLabel('Ends on', { exact: true }).fill(isoDay(365));
    await coachPage.getByRole('combobox', { name: 'Cadence', exact: true }).selectOption({ label: 'Quarterly' });
    await coachPage.getByLabel('Sessions allotted', { exact: true }).fill('4');
    await coachPage.getByRole('checkbox', { name: 'Activate now and plan sessions' }).check();
    const preview = coachPage.getByRole('list', { name: 'Next sessions' });
    await preview.getByRole('listitem').first().waitFor();
    expect(await preview.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    await capture(coachPage, '05-new-engagement');
    await coachPage.getByRole('button', { name: 'Create engagement' }).click();
    await coachPage.waitForURL(
      (url) => url.pathname.startsWith(`/clients/${found.clientId}`) && !url.pathname.endsWith('/engagements/new'),
    );
    await heading(coachPage, client.name).waitFor();
    await capture(coachPage, '02-client-overview');
  });

  step("opens the first session from the client page's Sessions tab", async () => {
    await coachPage.getByRole('link', { name: 'Sessions', exact: true }).click();
    const sessions = coachPage.getByRole('main').getByRole('link', { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/ });
    await sessions.first().waitFor();
    await capture(coachPage, '03-sessions-tab');
    const href = await sessions.first().getAttribute('href');
    expect(href).toMatch(/^\/sessions\/[0-9a-f-]{36}$/);
    found.sessionId = href!.split('/')[2];
    await sessions.first().click();
    await coachPage.waitForURL((url) => url.pathname === href);
    await coachPage.getByRole('textbox', { name: 'Agenda', exact: true }).waitFor();
  });

  step('writes the agenda, a private note and a shared summary, adds an action item and completes the session', async () => {
    // The summary is shared and the session completed once it has started: the API's clock moves past its start.
    const db = new pg.Client({ connectionString: web.runtime.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ starts_at: Date }>('SELECT starts_at FROM coaching_session WHERE id = $1', [found.sessionId]);
    await db.end();
    clock.set(new Date(rows[0].starts_at.getTime() + 60_000));
    await coachPage.getByRole('textbox', { name: 'Agenda', exact: true }).fill(agenda);
    await mutationAnswer(coachPage, () => coachPage.getByRole('button', { name: 'Save agenda' }).click());
    await coachPage.getByRole('textbox', { name: 'Private notes (only you)', exact: true }).fill(privateSentence);
    await mutationAnswer(coachPage, () => coachPage.getByRole('button', { name: 'Save private notes' }).click());
    await coachPage.getByRole('textbox', { name: 'Shared summary (the client sees this)', exact: true }).fill(sharedSummary);
    await mutationAnswer(coachPage, () => coachPage.getByRole('button', { name: 'Publish summary' }).click());
    await coachPage.getByRole('textbox', { name: 'Action item', exact: true }).fill(actionItem);
    await coachPage.getByLabel('Due on', { exact: true }).fill(isoDay(14));
    await mutationAnswer(coachPage, () => coachPage.getByRole('button', { name: 'Add action item' }).click());
    const item = coachPage.getByRole('listitem').filter({ hasText: actionItem });
    await item.getByText('Open', { exact: true }).waitFor();
    coachPage.once('dialog', (dialog) => void dialog.accept());
    await mutationAnswer(coachPage, () => coachPage.getByRole('button', { name: 'Mark completed' }).click());
    await coachPage.getByRole('button', { name: 'Mark completed' }).waitFor({ state: 'detached' });
    clock.reset();
    await capture(coachPage, '04-session-editor');
    // The coach's own tab did fetch the private note: the client-side checks below mean something.
    const coachSaw = (await coachTraffic.settled()).some((exchange) => exchange.responseBody.includes(privateSentence));
    expect(coachSaw).toBe(true);
  });

  step('shows the planned sessions on the calendar', async () => {
    await coachPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await heading(coachPage, 'Calendar').waitFor();
    // The first quarterly session may be weeks away: page through the months (each answer
    // awaited before looking) until it shows.
    await queryAnswer(coachPage, 'CalendarSessions', () => coachPage.getByRole('button', { name: 'Month' }).click());
    await afterPaint(coachPage);
    const session = coachPage.getByRole('main').getByText(client.name).first();
    for (let month = 0; month < 4 && !(await session.isVisible()); month += 1) {
      await queryAnswer(coachPage, 'CalendarSessions', () => coachPage.getByRole('button', { name: 'Next' }).click());
      await afterPaint(coachPage);
    }
    await session.waitFor();
    await capture(coachPage, '06-calendar');
  });

  step('invites the client to the portal from the client page', async () => {
    await openInApp(coachPage, `/clients/${found.clientId}`);
    await heading(coachPage, client.name).waitFor();
    await coachPage.getByRole('button', { name: 'Invite to portal' }).click();
    const link = coachPage.getByLabel('Invitation link', { exact: true });
    await link.waitFor();
    found.inviteUrl = await link.inputValue();
    expect(found.inviteUrl).toMatch(new RegExp(`^${web.baseUrl.replace(/[.]/g, '\\.')}/accept-invite\\?token=.+`));
  });

  step('lets the client accept the invitation in a browser of their own and lands them on the portal home', async () => {
    clientContext = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP, timezoneId: client.timeZone, locale: 'en-US' });
    clientContext.setDefaultTimeout(EXPECT_MS);
    clientTraffic = recordGraphQL(clientContext);
    clientPage = await clientContext.newPage();
    await clientPage.goto(found.inviteUrl!);
    await clientPage.getByLabel('Your name', { exact: true }).waitFor();
    await clientPage.getByLabel('Choose a password', { exact: true }).fill(client.password);
    await clientPage.getByRole('button', { name: 'Accept invitation' }).click();
    await clientPage.getByRole('heading', { name: 'Action items' }).waitFor();
    expect(new URL(clientPage.url()).pathname).toBe('/');
    expect((await clientTraffic.settled()).filter((exchange) => exchange.operationName === 'AcceptInvite')).toHaveLength(1);
  });

  step('shows the client the published summary and the action item, and never the private note', async () => {
    const page = clientPage!;
    await page.getByRole('heading', { name: 'Session summaries' }).waitFor();
    await page.getByRole('heading', { name: 'Next session' }).waitFor();
    await page.getByText(sharedSummary).first().waitFor();
    await page.getByRole('button', { name: `Mark done: ${actionItem}` }).waitFor();
    expect(await page.content()).not.toContain(`PRIVATE-${unique}`);
    await capture(page, '07-portal-home');
    await screenshotAt(page, PHONE, '12-portal-home-phone');
  });

  step("shows the client's action items and the session page, without the private note", async () => {
    const page = clientPage!;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Action items' }).click();
    await page.waitForURL((url) => url.pathname === '/action-items');
    await page.getByRole('main').getByText(actionItem).first().waitFor();
    await capture(page, '08-portal-action-items');
    await openInApp(page, `/sessions/${found.sessionId}`);
    await page.getByText(sharedSummary).first().waitFor();
    expect(await page.content()).not.toContain(`PRIVATE-${unique}`);
    await capture(page, '09-portal-session');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Email preferences' }).click();
    await page.waitForURL((url) => url.pathname === '/preferences');
    await heading(page, /preferences/i).waitFor();
    await capture(page, '10-preferences');
  });

  step('lets the client mark the action item done, with the keyboard', async () => {
    const page = clientPage!;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const markDone = page.getByRole('button', { name: `Mark done: ${actionItem}` });
    await markDone.focus();
    await mutationAnswer(page, () => page.keyboard.press('Enter'));
    await markDone.waitFor({ state: 'detached' });
  });

  step("never sends the client's browser a private note: no request asks for privateNotes, no answer holds one", async () => {
    const exchanges = await clientTraffic!.settled();
    expect(exchanges.length).toBeGreaterThan(3);
    expect(exchanges.filter((e) => e.requestBody.includes('privateNotes')).map((e) => e.operationName)).toEqual([]);
    expect(exchanges.filter((e) => e.responseBody.includes(`PRIVATE-${unique}`)).map((e) => e.operationName)).toEqual([]);
  });

  step('shows the coach the item as Done', async () => {
    await openInApp(coachPage, `/sessions/${found.sessionId}`);
    const item = coachPage.getByRole('listitem').filter({ hasText: actionItem });
    await item.getByText('Done', { exact: true }).waitFor();
  });

  step("shows the coach the item as Done on the client page's Action items tab", async () => {
    await openInApp(coachPage, `/clients/${found.clientId}`);
    await heading(coachPage, client.name).waitFor();
    await coachPage.getByRole('link', { name: 'Action items', exact: true }).click();
    // The tab lists open items first; done ones are a filter away.
    await coachPage.getByRole('combobox', { name: 'Show', exact: true }).selectOption({ label: 'Done' });
    const item = coachPage.getByRole('main').getByRole('listitem').filter({ hasText: actionItem });
    await item.getByText('Done', { exact: true }).waitFor();
  });

  step('lets the client add a networking contact and log a contact made today', async () => {
    const page = clientPage!;
    const contact = `Rosa ${unique}`;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await heading(page, 'Contacts').waitFor();
    await page.getByRole('button', { name: 'Add a contact' }).click();
    const form = page.getByRole('region', { name: 'New contact' });
    await form.getByLabel('Name', { exact: true }).fill(contact);
    await form.getByLabel('Organisation (optional)').fill('Initech');
    await mutationAnswer(page, () => form.getByRole('button', { name: 'Add contact' }).click());
    const card = page.getByRole('article', { name: contact });
    await card.getByText('Not yet', { exact: true }).waitFor();
    await capture(page, '12-portal-contacts');
    await card.getByRole('button', { name: `Log a contact made today: ${contact}` }).click();
    await mutationAnswer(page, () => page.getByRole('button', { name: 'Log contact', exact: true }).click());
    await page.getByText(`Logged a contact with ${contact} today.`).waitFor();
    await card.getByText('Not yet', { exact: true }).waitFor({ state: 'detached' });
  });

  step("shows the coach the contact and its counts on the client page's Contacts tab", async () => {
    await openInApp(coachPage, `/clients/${found.clientId}/contacts`);
    await coachPage.getByRole('heading', { level: 2, name: 'Networking contacts' }).waitFor();
    await coachPage.getByRole('article', { name: `Rosa ${unique}` }).waitFor();
    const counts = await coachPage.getByLabel('Networking at a glance').innerText();
    expect(counts.replace(/\s+/g, ' ')).toContain('Contacts 1 Touched this month 1 Follow-ups overdue 0');
    await capture(coachPage, '13-client-contacts');
  });

  step('shows the roster with the client on it, on a desktop and on a phone', async () => {
    await coachPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await coachPage.getByRole('main').getByRole('link', { name: client.name }).waitFor();
    await capture(coachPage, '01-roster');
    await screenshotAt(coachPage, PHONE, '11-roster-phone');
  });

  step('keeps the coach logged in across a reload', async () => {
    await openInApp(coachPage, `/sessions/${found.sessionId}`);
    await coachPage.reload();
    const item = coachPage.getByRole('listitem').filter({ hasText: actionItem });
    await item.getByText('Done', { exact: true }).waitFor();
  });

  step('shows a not-found state for a client id that does not exist', async () => {
    await openInApp(coachPage, `/clients/${randomUUID()}`);
    await heading(coachPage, /not found/i).waitFor();
  });

  it(
    'has an accessibility check that does notice an unlabelled field and an image without alt',
    async () => {
      const page = await coachContext.newPage();
      try {
        await page.setContent(
          '<label>Named <input></label><input aria-label="Also named"><input id="bare"><img src="data:,"><img src="data:," alt="">',
        );
        expect((await unlabelledElements(page)).map((problem) => problem.kind)).toEqual(['control', 'image']);
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );

  step('names every form control and gives every image an alt on the pages visited', async () => {
    expect(accessibility.filter((entry) => entry.problems.length > 0)).toEqual([]);
    expect(accessibility.length).toBeGreaterThanOrEqual(9);
  });
});
