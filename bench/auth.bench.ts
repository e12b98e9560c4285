import { AccountRequests } from '#tandem/coaching';
import { openText } from '../libs/notifications/src/sealed-text.js';
import { startTandem } from './api.bench.js';
import { adminQuery, benchDatabase, percentile, type BenchContext, type BenchSection } from './support/bench-context.js';

const PASSWORD = 'correct horse battery staple';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) }';
const RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const INVITE_COACH = 'mutation($input: InviteCoachInput!) { inviteCoach(input: $input) { inviteUrl expiresAt } }';

interface Timed {
  ms: number;
  statements: number;
  body: string;
}

/**
 * The answers that must not say whether an address has an account (sign-up, password reset,
 * coach invite), timed for a taken and for a free address in interleaved pairs (the order
 * alternates), through the real API app. Reports each side's median and p90, their ratio and
 * the SQL statements each request ran. The rate limits are reset between pairs, outside the
 * timings, so the bench measures the work rather than the refusals.
 */
export async function benchAuth(ctx: BenchContext, options: { pairs?: number; database?: string } = {}): Promise<BenchSection[]> {
  const pairs = options.pairs ?? Math.max(10, Math.round(200 * Math.min(ctx.scale, 1)));
  const database = options.database ?? 'tandem_bench_auth';
  const url = await benchDatabase(ctx, database, { fresh: true });
  const tandem = await startTandem(url, true);
  try {
    const graphql = `${tandem.url}/graphql`;
    const post = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Timed> => {
      const started = performance.now();
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200 || body.includes('"errors"'))
        throw new Error(`${query.slice(0, 40)}… answered ${response.status}: ${body}`);
      return { ms, statements: Number(response.headers.get('x-sql-statements') ?? NaN), body };
    };
    const taken = 'taken-owner@bench.test';
    await post(SIGN_UP, { input: { practiceName: 'Bench', name: 'Owner', email: taken, password: PASSWORD, timeZone: 'UTC' } });
    const link = await confirmationLink(tandem.app.get(AccountRequests), url, taken, tandem.config.jwtSecret);
    const confirmed = JSON.parse((await post('mutation($t: String!) { confirmSignUp(token: $t) { accessToken } }', { t: link })).body) as {
      data: { confirmSignUp: { accessToken: string } };
    };
    const ownerToken = confirmed.data.confirmSignUp.accessToken;

    const cases: Array<{ name: string; run: (email: string) => Promise<Timed> }> = [
      {
        name: 'signUp',
        run: (email) => post(SIGN_UP, { input: { practiceName: 'Bench', name: 'Nora', email, password: PASSWORD, timeZone: 'UTC' } }),
      },
      { name: 'requestPasswordReset', run: (email) => post(RESET, { email }) },
      { name: 'inviteCoach', run: (email) => post(INVITE_COACH, { input: { name: 'Coach', email, timeZone: 'UTC' } }, ownerToken) },
    ];
    const rows: BenchSection['rows'] = [];
    for (const { name, run } of cases) {
      ctx.progress(`auth: ${name}, ${pairs} interleaved pairs (taken address, free address)`);
      const timings = { taken: [] as Timed[], free: [] as Timed[] };
      for (let i = 0; i < pairs; i += 1) {
        await adminQuery(url, 'DELETE FROM rate_limit_counter');
        const free = `free-${name}-${i}@bench.test`;
        if (i % 2 === 0) {
          timings.taken.push(await run(taken));
          timings.free.push(await run(free));
        } else {
          timings.free.push(await run(free));
          timings.taken.push(await run(taken));
        }
      }
      const median = (list: Timed[]) =>
        percentile(
          list.map((t) => t.ms),
          50,
        );
      const p90 = (list: Timed[]) =>
        percentile(
          list.map((t) => t.ms),
          90,
        );
      const statements = (list: Timed[]) => [...new Set(list.map((t) => t.statements))].join('/');
      const sameAnswers = timings.taken.every((t, i) => sameShape(t.body, timings.free[i].body));
      rows.push({
        operation: name,
        'taken median ms': round(median(timings.taken)),
        'free median ms': round(median(timings.free)),
        'taken/free': round(median(timings.taken) / median(timings.free)),
        'taken p90 ms': round(p90(timings.taken)),
        'free p90 ms': round(p90(timings.free)),
        'SQL taken/free': `${statements(timings.taken)} | ${statements(timings.free)}`,
        'same answer': sameAnswers ? 'yes' : 'NO',
      });
    }
    return [{ name: `Account answers, taken vs free address (${pairs} interleaved pairs each)`, rows }];
  } finally {
    await tandem.close();
    await adminQuery(ctx.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

/** The sign-up link's token, read the way the worker would plan it (answered here, in this process). */
async function confirmationLink(requests: AccountRequests, url: string, email: string, jwtSecret: string): Promise<string> {
  await requests.answerPendingFor(email);
  const [row] = await adminQuery<{ data: { sealedUrl: string } }>(
    url,
    `SELECT data FROM notification WHERE kind = 'SIGN_UP' AND recipient_email = $1`,
    [email],
  );
  const link = row ? openText(row.data.sealedUrl, jwtSecret) : null;
  if (!link) throw new Error(`no sign-up link for ${email}`);
  return new URL(link).searchParams.get('token') ?? '';
}

/** Same answer apart from the values an invite always varies (its link and expiry). */
function sameShape(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/"inviteUrl":"[^"]*"/, '"inviteUrl":""').replace(/"expiresAt":"[^"]*"/, '"expiresAt":""');
  return strip(a) === strip(b);
}

const round = (value: number) => Math.round(value * 100) / 100;
