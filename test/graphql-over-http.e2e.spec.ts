import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { serverAudits, type AuditResult } from 'graphql-http';
import { pino } from 'pino';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { ApiClient } from './support/api-client.js';
import { createTestRuntime, type TestRuntime } from './support/test-runtime.js';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** Request errors: nothing executes, so the answer is errors only. */
const REQUEST_ERRORS: Array<[string, Record<string, unknown>, string]> = [
  ['a document that does not parse', { query: '{ version ' }, 'GRAPHQL_PARSE_FAILED'],
  ['a document over the token limit', { query: `{ ${'version '.repeat(3001)}}` }, 'GRAPHQL_PARSE_FAILED'],
  ['a document that does not validate', { query: '{ version { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a document over the depth limit',
    {
      query:
        '{ clients(first: 1) { edges { node { engagements { sessions { engagement { client { engagements { sessions { engagement { client { id } } } } } } } } } } } }',
    },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a document over the alias limit',
    { query: `{ ${Array.from({ length: 16 }, (_, i) => `v${i}: version`).join(' ')} }` },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'variables that do not coerce',
    { query: 'query($n: Int!) { clients(first: $n) { edges { cursor } } }', variables: { n: 'many' } },
    'BAD_USER_INPUT',
  ],
  [
    'a request over budget',
    { query: '{ clients(first: 100) { edges { node { engagements { sessions { engagement { sessions { id } } } } } } } }' },
    'QUERY_TOO_COMPLEX',
  ],
  ['a subscription', { query: 'subscription { version }' }, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a persisted query (not supported)',
    { query: '{ version }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
    'PERSISTED_QUERY_NOT_SUPPORTED',
  ],
];

describe('GraphQL over HTTP', () => {
  let runtime: TestRuntime;
  let app: INestApplication;
  let api: ApiClient;
  const logs: Array<{ level: number; msg: string; code?: string }> = [];

  beforeAll(async () => {
    const test = await createTestRuntime();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line));
        done();
      },
    });
    runtime = { ...test, logger: pino({ level: 'info' }, sink) };
    app = await createApiApp(runtime, { runWorker: false, schemaFile: false });
    api = await ApiClient.listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
  });

  const post = async (body: Record<string, unknown>, accept?: string) => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> },
    };
  };

  it('passes every MUST and SHOULD audit of graphql-http', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: `${api.baseUrl}/graphql` })) results.push(await audit.fn());
    const failed = results
      .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    const passed = (level: string) => results.filter((result) => result.status === 'ok' && result.name.startsWith(level)).length;
    expect({ MUST: passed('MUST'), SHOULD: passed('SHOULD') }).toEqual({
      MUST: results.filter((r) => r.name.startsWith('MUST')).length,
      SHOULD: results.filter((r) => r.name.startsWith('SHOULD')).length,
    });
  });

  it.each(REQUEST_ERRORS)(
    'answers %s with 400 to a GraphQL-over-HTTP client and 200 to a legacy one, code and no data',
    async (_what, body, code) => {
      const modern = await post(body, `${GRAPHQL_RESPONSE}, application/json;q=0.9`);
      expect({
        status: modern.status,
        type: modern.type,
        code: modern.body.errors?.[0]?.extensions?.code,
        data: 'data' in modern.body,
      }).toEqual({
        status: 400,
        type: `${GRAPHQL_RESPONSE}; charset=utf-8`,
        code,
        data: false,
      });
      const legacy = await post(body, 'application/json');
      expect({
        status: legacy.status,
        type: legacy.type,
        code: legacy.body.errors?.[0]?.extensions?.code,
        data: 'data' in legacy.body,
      }).toEqual({
        status: 200,
        type: 'application/json; charset=utf-8',
        code,
        data: false,
      });
      const none = await post(body);
      expect(none.status).toBe(200);
    },
  );

  it('refuses a subscription and says so', async () => {
    const { body } = await post({ query: 'subscription { version }' });
    expect(body.errors?.[0]?.message).toBe('Subscriptions are not supported; query again to see changes.');
  });

  it('answers an error during execution with 200 and data, as the spec asks for both media types', async () => {
    for (const accept of [GRAPHQL_RESPONSE, 'application/json']) {
      const { status, body } = await post({ query: '{ me { id } }' }, accept);
      expect(status).toBe(200);
      expect(body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    }
  });

  it('logs request errors as the caller’s mistake (info), never as a server fault', async () => {
    logs.length = 0;
    for (const [, body] of REQUEST_ERRORS) await post(body, GRAPHQL_RESPONSE);
    const refused = logs.filter((line) => line.msg.startsWith('GraphQL request refused'));
    expect(new Set(refused.map((line) => line.code))).toEqual(new Set(REQUEST_ERRORS.map(([, , code]) => code)));
    expect(refused.every((line) => line.level === 30)).toBe(true);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
