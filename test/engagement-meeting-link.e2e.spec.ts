import { aClient, anEngagement, anOwner, type OwnerSession } from './support/factories.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { TestApi } from './support/test-api.js';
import { waitFor } from './support/wait-for.js';

const UPDATE = `mutation($id: ID!, $input: UpdateEngagementInput!) { updateEngagement(id: $id, input: $input) { id meetingUrl } }`;
const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id meetingUrl engagement { meetingUrl } } }`;
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 1500).toISOString();

describe("an engagement's meeting link", () => {
  let api: TestApi;
  let smtp: SmtpReceiver;
  let coach: OwnerSession;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    api = await TestApi.start({ env: { SMTP_URL: smtp.url, APP_URL: 'https://tandem.test' }, runWorker: true });
    coach = await anOwner(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  it('is set, read back and cleared by updateEngagement', async () => {
    const client = await aClient(api, coach);
    const engagement = await anEngagement(api, coach, client.id);
    const set = await api.as(coach.token).gql(UPDATE, { id: engagement.id, input: { meetingUrl: 'https://meet.example.com/standing' } });
    expect(set.updateEngagement.meetingUrl).toBe('https://meet.example.com/standing');
    const [row] = await api.sql<{ meeting_url: string | null }>(`SELECT meeting_url FROM engagement WHERE id = $1`, [engagement.id]);
    expect(row.meeting_url).toBe('https://meet.example.com/standing');
    const cleared = await api.as(coach.token).gql(UPDATE, { id: engagement.id, input: { meetingUrl: '' } });
    expect(cleared.updateEngagement.meetingUrl).toBeNull();
  });

  it('refuses a link that is not an http(s) URL, naming the field', async () => {
    const client = await aClient(api, coach);
    const engagement = await anEngagement(api, coach, client.id);
    const { body } = await api.as(coach.token).raw(UPDATE, { id: engagement.id, input: { meetingUrl: 'javascript:alert(1)' } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'meetingUrl' });
    const [row] = await api.sql<{ meeting_url: string | null }>(`SELECT meeting_url FROM engagement WHERE id = $1`, [engagement.id]);
    expect(row.meeting_url).toBeNull();
  });

  it('goes into the reminder of a session that has no link of its own', async () => {
    const client = await aClient(api, coach, { timeZone: 'America/New_York' });
    await api
      .as(coach.token)
      .gql(`mutation($id: ID!) { updateClient(id: $id, input: { reminderOffsetsMinutes: [120] }) { id } }`, { id: client.id });
    const engagement = await anEngagement(api, coach, client.id, { cadence: { frequency: 'AD_HOC', day: 1, localTime: '09:00' } });
    await api.as(coach.token).gql(UPDATE, { id: engagement.id, input: { meetingUrl: 'https://meet.example.com/standing-room' } });
    const scheduled = await api.as(coach.token).gql(SCHEDULE, { input: { engagementId: engagement.id, startsAt: inMinutes(120) } });
    expect(scheduled.scheduleSession).toMatchObject({
      meetingUrl: null,
      engagement: { meetingUrl: 'https://meet.example.com/standing-room' },
    });

    const mail = await waitFor(() => smtp.messages.find((m) => m.envelopeTo.includes(client.email.toLowerCase())), {
      what: 'the reminder',
      timeoutMs: 15_000,
    });
    expect(mail.parsed.text).toContain('https://meet.example.com/standing-room');
  });
});
