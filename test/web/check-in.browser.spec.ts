import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signCheckInToken } from '#tandem/notifications';
import { DESKTOP, WebApp, describeWithBrowser, launchChromium, unlabelledElements, withDiagnostics } from '../support/browser.js';

/**
 * A client answers a mid-cycle check-in in a real browser: the link from the email opens a
 * confirmation page with a labelled note field; sending it records the answer; opening the
 * link again (or another answer's) shows the answer already recorded.
 */

const STEP_MS = 60_000;
const unique = randomBytes(4).toString('hex');

describeWithBrowser('a client answers a mid-cycle check-in in the browser', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const links: Record<'STUCK' | 'ON_TRACK', string> = { STUCK: '', ON_TRACK: '' };
  let engagementId = '';

  async function gql(query: string, variables: Record<string, unknown>, token?: string) {
    const response = await fetch(`${web.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: web.runtime.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    web = await WebApp.start();
    const email = `checkin-coach-${unique}@example.test`;
    await gql(`mutation($input: SignUpInput!) { signUp(input: $input) }`, {
      input: { practiceName: 'Check-in Coaching', name: 'Cy Coach', email, password: 'correct-horse-battery', timeZone: 'Europe/London' },
    });
    const link = await web.signUpLink(email);
    const { confirmSignUp } = await gql(`mutation($token: String!) { confirmSignUp(token: $token) { accessToken } }`, {
      token: new URL(link).searchParams.get('token'),
    });
    const token = confirmSignUp.accessToken as string;
    const { createClient } = await gql(
      `mutation($input: CreateClientInput!) { createClient(input: $input) { id } }`,
      {
        input: { name: `Quinn Quarterly ${unique}`, email: `quinn-${unique}@example.test`, timeZone: 'America/Chicago', status: 'ACTIVE' },
      },
      token,
    );
    const { createEngagement } = await gql(
      `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
      {
        input: {
          clientId: createClient.id,
          title: 'Quarterly review',
          startDate: new Date().toISOString().slice(0, 10),
          activate: true,
          cadence: { frequency: 'QUARTERLY', anchor: 'DAY_OF_MONTH', day: 10, localTime: '09:00' },
        },
      },
      token,
    );
    engagementId = createEngagement.id;
    // The check-in email's own links, as the sender signs them (its rendering is covered by test/check-ins.e2e.spec.ts).
    const [planned] = await sql<{ data: Record<string, string>; practice_id: string }>(
      `SELECT data, practice_id FROM notification WHERE kind = 'MID_CYCLE_CHECK_IN' AND data->>'engagementId' = $1 ORDER BY send_at LIMIT 1`,
      [engagementId],
    );
    for (const answer of ['STUCK', 'ON_TRACK'] as const) {
      links[answer] = `/check-in?token=${signCheckInToken(
        {
          practiceId: planned.practice_id,
          engagementId,
          afterSessionId: planned.data.afterSessionId,
          dueDate: planned.data.dueDate,
          answer,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
        web.runtime.config.jwtSecret,
      )}`;
    }
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP, locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, STEP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.close();
  }, STEP_MS);

  it(
    'opens the link, adds a note, sends "Stuck" once; a second link shows the answer already recorded',
    () =>
      withDiagnostics(
        'check-in answer',
        () => [page],
        async () => {
          await page.goto(links.STUCK);
          await page.getByRole('heading', { level: 1, name: 'Your check-in: Stuck' }).waitFor();
          expect(await unlabelledElements(page)).toEqual([]);
          await page.getByLabel('A note for your coach (optional)').fill('Waiting on <two> referrals');
          await page.getByRole('button', { name: 'Send: Stuck' }).click();
          await page.getByRole('heading', { level: 1, name: 'Thank you: your check-in is recorded' }).waitFor();
          expect(await page.getByText('Waiting on <two> referrals').count()).toBe(1);

          await page.goto(links.ON_TRACK);
          await page.getByRole('heading', { level: 1, name: 'Your check-in was already recorded' }).waitFor();
          expect(await page.getByText('Your answer: Stuck.').count()).toBe(1);
          expect(await sql(`SELECT answer, note FROM check_in WHERE engagement_id = $1`, [engagementId])).toEqual([
            { answer: 'STUCK', note: 'Waiting on <two> referrals' },
          ]);
        },
      ),
    STEP_MS,
  );
});
