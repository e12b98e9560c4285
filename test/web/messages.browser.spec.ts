import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, WebApp, describeWithBrowser, launchChromium, screenshot, withDiagnostics } from '../support/browser.js';

/**
 * A coach answers a client's message in a real browser (issue 15): the client writes through the
 * API, the coach sees the unread badge on the roster, opens the conversation from it, answers,
 * and the client reads the answer; the coach's count is back to zero.
 */
const EXPECT_MS = 15_000;
const unique = randomBytes(4).toString('hex');
const PASSWORD = 'correct-horse-battery';
const coachEmail = `coach-${unique}@example.test`;
const clientName = `Robin Client ${unique}`;
const question = `Can we move our session? <b>${unique}</b>`;
const answer = `Yes, Thursday works ${unique}`;

describeWithBrowser('messages in a browser: a coach answers a client', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clientToken: string;
  let coachToken: string;
  let clientId: string;
  let engagementId: string;

  async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
    const response = await fetch(`${web.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data!;
  }

  beforeAll(async () => {
    web = await WebApp.start();
    await gql(`mutation($input: SignUpInput!) { signUp(input: $input) }`, {
      input: { practiceName: `Practice ${unique}`, name: 'Casey Coach', email: coachEmail, password: PASSWORD, timeZone: 'Europe/London' },
    });
    const token = new URL(await web.signUpLink(coachEmail)).searchParams.get('token');
    coachToken = (await gql(`mutation($token: String!) { confirmSignUp(token: $token) { accessToken } }`, { token })).confirmSignUp
      .accessToken;
    clientId = (
      await gql(
        `mutation($input: CreateClientInput!) { createClient(input: $input) { id } }`,
        { input: { name: clientName, email: `robin-${unique}@example.test`, timeZone: 'America/New_York', status: 'ACTIVE' } },
        coachToken,
      )
    ).createClient.id;
    engagementId = (
      await gql(
        `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
        {
          input: {
            clientId,
            title: 'Promotion case',
            startDate: new Date().toISOString().slice(0, 10),
            activate: true,
            cadence: { frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 15, localTime: '09:00' },
          },
        },
        coachToken,
      )
    ).createEngagement.id;
    const invite = await gql(`mutation($id: ID!) { inviteClient(clientId: $id) { inviteUrl } }`, { id: clientId }, coachToken);
    clientToken = (
      await gql(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`, {
        input: { token: new URL(invite.inviteClient.inviteUrl).searchParams.get('token'), password: 'another-long-passphrase' },
      })
    ).acceptInvite.accessToken;
    await gql(
      `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { engagementId, body: question } },
      clientToken,
    );

    browser = await launchChromium();
    context = await browser.newContext({ baseURL: web.baseUrl, viewport: DESKTOP, timezoneId: 'Europe/London', locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(EXPECT_MS);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.close();
  });

  it('shows the unread message on the roster, opens the conversation and sends the answer', async () => {
    await withDiagnostics(
      'messages',
      () => [page],
      async () => {
        await page.goto('/login');
        await page.getByLabel('Email', { exact: true }).fill(coachEmail);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Log in' }).click();
        // Today names the message waiting for an answer; the roster shows it unread.
        await page.getByRole('link', { name: `${clientName}: 1 message waiting for your answer` }).waitFor();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
        await page.getByRole('link', { name: clientName, exact: true }).waitFor();
        await page.getByRole('link', { name: '1 unread message' }).click();
        await page.waitForURL(`**/clients/${clientId}/messages`);
        // Shown as text: the markup in the message is not rendered.
        await page.getByText(question).waitFor();
        expect(await page.locator('.message-body b').count()).toBe(0);
        await page.getByLabel(`Message to ${clientName}`).fill(answer);
        await page.getByRole('button', { name: 'Send message' }).click();
        await page.getByText(answer).waitFor();
        await screenshot(page, 'client-messages');
      },
    );

    const thread = await gql(
      `query($id: ID!) { messages(engagementId: $id, first: 5) { edges { node { body author { role } } } } unreadMessageCount }`,
      { id: engagementId },
      clientToken,
    );
    expect(thread.messages.edges.map((e: any) => [e.node.body, e.node.author.role])).toEqual([
      [answer, 'OWNER'],
      [question, 'CLIENT'],
    ]);
    expect(thread.unreadMessageCount).toBe(1);
    expect((await gql(`{ unreadMessageCount }`, {}, coachToken)).unreadMessageCount).toBe(0);
  });
});
