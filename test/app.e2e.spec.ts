import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { ApiClient } from './support/api-client.js';
import { createTestRuntime, type TestRuntime } from './support/test-runtime.js';

/** Near-misses graphql-js answers with "Did you mean …?": a field, an argument, an enum value, a type, an input field, in literals and variables. */
const MISSPELLED: Array<[string, string, Record<string, unknown>]> = [
  ['a field', '{ versio }', {}],
  ['a field of a nested type', '{ me { nme } }', {}],
  ['an argument', '{ clients(frist: 1) { edges { cursor } } }', {}],
  ['an enum value', '{ clients(filter: { status: ACTIV }) { edges { cursor } } }', {}],
  ['an input field', '{ clients(filter: { stauts: ACTIVE }) { edges { cursor } } }', {}],
  ['a type', 'query($f: ClientFiltr) { clients(filter: $f) { edges { cursor } } }', {}],
  ['a fragment type', '{ me { ...F } } fragment F on Usr { id }', {}],
  ['an enum value in a variable', 'query($f: ClientFilter) { clients(filter: $f) { edges { cursor } } }', { f: { status: 'ACTIV' } }],
  ['an input field in a variable', 'query($f: ClientFilter) { clients(filter: $f) { edges { cursor } } }', { f: { stauts: 'ACTIVE' } }],
];

describe('API app', () => {
  let runtime: TestRuntime;
  let app: INestApplication;
  let api: ApiClient;
  let schemaDir: string;

  beforeAll(async () => {
    schemaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-schema-'));
    runtime = await createTestRuntime();
    app = await createApiApp(runtime, { runWorker: false, schemaFile: path.join(schemaDir, 'schema.graphql') });
    api = await ApiClient.listen(app);
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
    await fs.rm(schemaDir, { recursive: true, force: true });
  });

  it('answers the liveness check', async () => {
    const response = await api.get('/health/live');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers the readiness check with the database and the queue up', async () => {
    const response = await api.get('/health/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, queue: { status: 'up', backend: 'postgres' } },
    });
  });

  it('serves GraphQL', async () => {
    const { status, body } = await api.graphql<{ version: string }>('{ version }');
    expect(status).toBe(200);
    expect(body.data?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives every request an id, and keeps a sane one the caller sent', async () => {
    const generated = await api.get('/health/live');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await api.get('/health/live', { 'x-request-id': 'trace-123' });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const hostile = await api.get('/health/live', { 'x-request-id': 'a b<script>' });
    expect(hostile.headers.get('x-request-id')).not.toBe('a b<script>');
  });

  it('answers a malformed query with a stable code and no internals', async () => {
    const { body } = await api.graphql('{ version { nope } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const { body: parse } = await api.graphql('{ version ');
    expect(parse.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(JSON.stringify(parse)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it.each(MISSPELLED)('suggests a name for a misspelled %s outside production', async (_what, query, variables) => {
    const { body } = await api.graphql(query, variables);
    expect(body.errors?.[0]?.message).toMatch(/Did you mean/);
  });

  it('keeps the committed schema.graphql in step with the code (run `npm run schema:generate` if this fails)', async () => {
    const generated = await fs.readFile(path.join(schemaDir, 'schema.graphql'), 'utf8');
    const committed = await fs.readFile('schema.graphql', 'utf8');
    expect(committed).toBe(generated);
  });

  it('has migrations whose tables and columns match the entities', async () => {
    // Indexes, checks and foreign keys live in the hand-written migrations only; tables and columns must agree.
    const sql = await app.get(DataSource).driver.createSchemaBuilder().log();
    const structural = sql.upQueries.map((q) => q.query).filter((q) => /^(CREATE|DROP) TABLE| ADD "| (DROP|ALTER) COLUMN /.test(q));
    expect(structural).toEqual([]);
  });
});

describe('API app in production', () => {
  let runtime: TestRuntime;
  let app: INestApplication;
  let api: ApiClient;

  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48) } });
    app = await createApiApp(runtime, { runWorker: false, schemaFile: false });
    api = await ApiClient.listen(app);
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
  });

  it('turns introspection off', async () => {
    const { body } = await api.graphql('{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it.each(MISSPELLED)('gives no hint of a name for a misspelled %s', async (_what, query, variables) => {
    const { body } = await api.graphql(query, variables);
    const messages = (body.errors ?? []).map((error) => error.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(body.errors?.[0]?.extensions?.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
    for (const message of messages) expect(message).not.toMatch(/did you mean|suggestion/i);
  });

  it('serves no sandbox page', async () => {
    const response = await api.get('/graphql', { accept: 'text/html' });
    expect(await response.text()).not.toContain('sandbox');
  });
});
