import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Dialog, Page, Request } from 'playwright-core';
import { DESKTOP, WebApp, describeWithBrowser, launchChromium, withDiagnostics } from '../support/browser.js';
import { waitFor } from '../support/wait-for.js';

/**
 * An engagement's life in the coach's browser: an ad hoc engagement (no session day asked),
 * its standing meeting link, a session scheduled by hand in the client's zone (a time gone by
 * refused beside the day), a question before leaving unsaved notes, the client's comments read
 * and answered, and a change of cadence confirmed after the API's list of what it cancels,
 * creates and keeps. The client's side of the comments goes through the API.
 */

const STEP_MS = 60_000;
const EXPECT_MS = 15_000;

const unique = randomBytes(4).toString('hex');
const coach = {
  name: 'Lee Lifecycle',
  email: `lifecycle-${unique}@example.test`,
  practice: 'Lifecycle Coaching',
  password: 'correct-horse-battery',
};
const client = {
  name: `Nia Adhoc ${unique}`,
  email: `nia-${unique}@example.test`,
  timeZone: 'America/New_York',
  password: 'another-long-passphrase',
};
const standingLink = `https://meet.example.com/standing-${unique}`;
const clientComment = `COMMENT-${unique} I sent the CV to two recruiters`;
const coachAnswer = `ANSWER-${unique} great, which ones answered?`;

/** yyyy-mm-dd, `days` from today in New York, for the client-zone date inputs. */
function newYorkDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: client.timeZone }).format(new Date(Date.now() + days * 86_400_000));
}

describeWithBrowser('the web app in a browser: an engagement from ad hoc sessions to a new cadence', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let failedStep: string | undefined;
  const found: Record<string, string> = {};
  const requests: Request[] = [];

  // The answers are read by the steps that asked: loosely typed, as in the API specs.
  async function api(query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
    const response = await fetch(`${web.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data!;
  }

  /** The variables of the operations named `name` the page has sent so far. */
  const sent = (name: string) =>
    requests.filter((r) => r.postData()?.includes(`"operationName":"${name}"`)).map((r) => JSON.parse(r.postData()!).variables);

  beforeAll(async () => {
    web = await WebApp.start();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP, timezoneId: 'Europe/London', locale: 'en-GB' });
    context.setDefaultTimeout(EXPECT_MS);
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') requests.push(request);
    });
    page = await context.newPage();
  }, STEP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.close();
  }, STEP_MS);

  function step(name: string, work: () => Promise<void>): void {
    it(
      name,
      async () => {
        if (failedStep) throw new Error(`not run: the earlier step "${failedStep}" failed`);
        try {
          await withDiagnostics(`lifecycle ${name}`, () => [page], work);
        } catch (error) {
          failedStep = name;
          throw error;
        }
      },
      STEP_MS,
    );
  }

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  step('signs a coach up, adds a client and creates an ad hoc engagement without a session day', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Your name', { exact: true }).fill(coach.name);
    await page.getByLabel('Email', { exact: true }).fill(coach.email);
    await page.getByLabel('Practice name', { exact: true }).fill(coach.practice);
    await page.getByLabel('Password', { exact: true }).fill(coach.password);
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/London');
    await page.getByRole('button', { name: 'Create practice' }).click();
    await heading('Check your inbox').waitFor();
    await page.goto(await web.signUpLink(coach.email));
    await page.getByRole('button', { name: 'Open my practice' }).click();
    await heading('Today').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await heading('Clients').waitFor();
    await page.getByRole('link', { name: 'Add client' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill(client.name);
    await page.getByLabel('Email', { exact: true }).fill(client.email);
    await page.getByLabel('Time zone', { exact: true }).selectOption(client.timeZone);
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.waitForURL((url) => /^\/clients\/[0-9a-f-]{36}$/.test(url.pathname));
    found.clientId = new URL(page.url()).pathname.split('/')[2]!;
    await heading(client.name).waitFor();

    await page.getByRole('link', { name: 'New engagement' }).click();
    await page.getByLabel('Title', { exact: true }).fill('As needed');
    await page.getByRole('combobox', { name: 'Cadence', exact: true }).selectOption({ label: 'Ad hoc' });
    expect(await page.getByLabel('Day of month', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Session day' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Activate now and plan sessions' }).check();
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${found.clientId}`);
    const [created] = sent('CreateEngagement');
    expect(created.input.cadence).toEqual({ frequency: 'AD_HOC', localTime: '09:00', timeZone: client.timeZone });
    await page.getByText('Ad hoc', { exact: false }).first().waitFor();
  });

  step("sets the engagement's standing meeting link", async () => {
    await page.getByRole('button', { name: 'Edit engagement' }).click();
    await page.getByRole('textbox', { name: 'Meeting link', exact: true }).fill(standingLink);
    await page.getByRole('button', { name: 'Save engagement' }).click();
    await page.getByText('The engagement is saved.').waitFor();
    await page.getByRole('link', { name: standingLink }).waitFor();
  });

  step("schedules a session in the client's zone: a time gone by is refused beside the day, then one ahead is planned", async () => {
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByRole('link', { name: 'Schedule a session' }).click();
    await page.getByRole('heading', { name: 'Schedule a session' }).waitFor();
    const day = page.getByLabel('Day', { exact: true });
    await day.fill(newYorkDay(-1));
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByRole('button', { name: 'Schedule session' }).click();
    await page.locator('#schedule-date[aria-invalid="true"]').waitFor();
    const describedBy = (await day.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText()).toMatch(/cannot start in the past/);

    await day.fill(newYorkDay(3));
    const when = page.getByRole('group', { name: /When, in Nia Adhoc .*’s time \(New York\)/ });
    await when.getByText(/^Nia Adhoc .* · New York \((EST|EDT)\)$/).waitFor();
    await when.getByText(/^You · London \((GMT|BST)\)$/).waitFor();
    expect(await when.locator('dd time').count()).toBe(2);
    await page.getByRole('textbox', { name: 'Agenda', exact: true }).fill('Recruiter calls');
    await page.getByRole('button', { name: 'Schedule session' }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${found.clientId}/sessions`);
    await page.getByText(/^Session scheduled for /).waitFor();
    const scheduled = sent('ScheduleSession').at(-1);
    found.scheduledAt = new Date(scheduled.input.startsAt).toISOString();
    // 10:00 on the client's clock, sent as the UTC instant.
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: client.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(scheduled.input.startsAt));
    expect(local).toBe(`${newYorkDay(3).split('-').reverse().join('/')}, 10:00`);
  });

  step("opens the session: the engagement's link is its meeting link, and leaving unsaved notes asks first", async () => {
    const session = page
      .getByRole('main')
      .getByRole('link', { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/ })
      .first();
    found.sessionPath = (await session.getAttribute('href'))!;
    await session.click();
    await page.getByRole('link', { name: 'Join the meeting' }).waitFor();
    expect(await page.getByRole('link', { name: 'Join the meeting' }).getAttribute('href')).toBe(standingLink);

    await page.getByRole('textbox', { name: 'Private notes (only you)', exact: true }).fill('Worried about the offer');
    const asked: string[] = [];
    const dismiss = (dialog: Dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    };
    page.once('dialog', dismiss);
    await page.getByRole('main').getByRole('link', { name: client.name }).click();
    await waitFor(() => asked.length === 1 || undefined, { what: 'the question before leaving', timeoutMs: EXPECT_MS });
    expect(asked[0]).toMatch(/not saved/);
    expect(new URL(page.url()).pathname).toBe(found.sessionPath);
    expect(await page.getByRole('textbox', { name: 'Private notes (only you)', exact: true }).inputValue()).toBe('Worried about the offer');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('main').getByRole('link', { name: client.name }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${found.clientId}/sessions`);
  });

  step("shows the client's comment as unread on the roster, the client page and the item, and answers it", async () => {
    const coachToken = (
      await api(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
        input: { email: coach.email, password: coach.password },
      })
    ).logIn.accessToken;
    const invite = (await api(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: found.clientId }, coachToken))
      .inviteClient.inviteUrl as string;
    const token = new URL(invite).searchParams.get('token');
    const clientToken = (
      await api(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`, {
        input: { token, password: client.password },
      })
    ).acceptInvite.accessToken;
    const engagementId = (await api(`query($id: ID!) { client(id: $id) { currentEngagement { id } } }`, { id: found.clientId }, coachToken))
      .client.currentEngagement.id;
    const item = (
      await api(
        `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`,
        { input: { engagementId, title: 'Send the CV' } },
        coachToken,
      )
    ).createActionItem.id;
    await api(
      `mutation($id: ID!, $body: String!) { addActionItemComment(actionItemId: $id, body: $body) { id } }`,
      { id: item, body: clientComment },
      clientToken,
    );

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await heading('Clients').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: client.name }) });
    await row.getByRole('link', { name: '1 unread comment' }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${found.clientId}/action-items`);
    await page.getByRole('link', { name: /^Action items\s*1\s*unread comment$/ }).waitFor();
    const entry = page.getByRole('listitem').filter({ hasText: 'Send the CV' });
    await entry.getByText('1 unread comment').first().waitFor();

    await entry.getByText(/^Comments \(1\)/).click();
    await entry.getByText(clientComment).waitFor();
    // Opening the thread marks it read: the markers go.
    const markers = page.getByRole('main').getByText(/unread comment/);
    await waitFor(async () => (await markers.count()) === 0 || undefined, {
      what: 'the unread markers gone from the header, the tab and the item',
      timeoutMs: EXPECT_MS,
    });
    expect(sent('MarkActionItemCommentsRead')).toEqual([{ actionItemId: item }]);

    await entry.getByRole('textbox', { name: 'Your answer on Send the CV' }).fill(coachAnswer);
    await entry.getByRole('button', { name: 'Send answer' }).click();
    await page.getByText(`Answer sent on “Send the CV”.`).waitFor();
    expect(sent('AnswerActionItemComment')).toEqual([{ actionItemId: item, body: coachAnswer }]);
    await entry.getByText(coachAnswer).waitFor();
  });

  step('changes the cadence to monthly after a step listing what is cancelled, created and kept', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByRole('button', { name: 'Change cadence' }).click();
    await page.getByRole('combobox', { name: 'Cadence', exact: true }).selectOption({ label: 'Monthly' });
    await page.getByLabel('Day of month', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const confirm = page.getByRole('group', { name: 'Change the cadence?' });
    await confirm.waitFor();
    expect(sent('PreviewSessionPlan')).toHaveLength(1);
    expect(sent('ChangeCadence')).toHaveLength(0);
    const created = confirm.getByRole('list', { name: /^Created \(\d+\)$/ });
    expect(await created.getByRole('listitem').count()).toBeGreaterThan(0);
    // The session scheduled by hand (with an agenda) stays where it is, and says why.
    const kept = confirm.getByRole('list', { name: 'Kept as they are (1)' });
    await kept.getByText(/^(scheduled ad hoc|has an agenda, notes, a summary or action items)$/).waitFor();
    expect(await kept.locator('time').first().getAttribute('datetime')).toBe(found.scheduledAt);
    await confirm.getByRole('button', { name: 'Yes, change cadence' }).click();
    await page.getByText('The cadence is changed and future sessions are re-planned.').waitFor();
    expect(sent('ChangeCadence')).toHaveLength(1);
  });
});
