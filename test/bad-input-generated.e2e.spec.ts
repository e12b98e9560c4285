// Long on purpose: generates bad-input cases from the schema (every argument and field) and judges each answer.
import { GraphQLSchemaHost, TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage } from 'class-validator';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { MAX_TEXT } from '#tandem/coaching';
import { aClient, aClientLogin, aCoach, anEngagement, anOwner, type Session } from './support/factories.js';
import { TestApi, type Caller } from './support/test-api.js';

/**
 * Every mutation (and query) of the built schema, every argument and every input field inside it
 * (so a new mutation or field is covered without being listed here), sent with one malformed value and
 * everything else valid: the answer is a 4xx-class error (never INTERNAL_SERVER_ERROR or HTTP
 * 500) and no table changes. Values the API itself checks by type (text, ids, instants, dates,
 * lengths) must be refused as BAD_USER_INPUT naming that field.
 */

interface Ids {
  client: string;
  engagement: string;
  session: string;
  actionItem: string;
  goal: string;
  sponsor: string;
  coach: string;
}

type Operation = 'mutation' | 'query';

/** One malformed value at one place. `field`: the field the refusal must name (BAD_USER_INPUT); else any refusal of the request. */
interface BadCase {
  operation: Operation;
  /** The root field (mutation or query) it calls. */
  mutation: string;
  label: string;
  variables: Record<string, unknown>;
  args: readonly GraphQLArgument[];
  field?: string;
  /** The argument it is in, when that is an input object: the field may also be named with it (`filter.search`, as the pipe names an @ArgsType's). */
  inArgument?: string;
}

// A request refused for its input (or, as a later check, for a record out of reach or in the wrong state).
const REFUSALS = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'RATE_LIMITED']);
// Counting an attempt before its input is read is the rate limit's job (see rate-limit.guard.ts): not a write of the mutation.
const NOT_FINGERPRINTED = new Set(['rate_limit_counter', 'migrations']);
const FUTURE = '2027-06-01T10:00:00Z';
const PAST = '2026-06-01T10:00:00Z';

let serial = 0;
const unique = () => `${process.pid}-${++serial}`;

/** The class-validator rules of an input type's field (the class comes from Nest's type metadata). */
function rulesOf(inputType: string, field: string): Array<{ name: string; constraints: unknown[] }> {
  const target = TypeMetadataStorage.getInputTypesMetadata().find((meta) => meta.name === inputType)?.target;
  if (!target) return [];
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((rule) => rule.propertyName === field)
    .map((rule) => ({ name: rule.name ?? '', constraints: rule.constraints ?? [] }));
}

function maxLengthOf(inputType: string, field: string): number | undefined {
  for (const rule of rulesOf(inputType, field)) {
    if (rule.name === 'maxLength') return Number(rule.constraints[0]);
    if (rule.name === 'isLength' && rule.constraints[1] !== undefined) return Number(rule.constraints[1]);
  }
  return undefined;
}

const isCalendarDateField = (inputType: string, field: string) => rulesOf(inputType, field).some((rule) => rule.name === 'isCalendarDate');

/** The id a field or argument named `name` of `mutation` refers to, from the seeded practice. */
function idFor(ids: Ids, mutation: GraphQLField<unknown, unknown>, name: string): string {
  const entity = name === 'id' ? `${getNamedType(mutation.type).name} ${mutation.name}` : name.replace(/Id$/, '');
  const matches: Array<[RegExp, string]> = [
    [/actionItem|ActionItem/, ids.actionItem],
    [/goal|Goal/, ids.goal],
    [/session|Session/, ids.session],
    [/engagement|Engagement/, ids.engagement],
    [/sponsor|Sponsor/, ids.sponsor],
    [/coach/, ids.coach],
    [/client|Client/, ids.client],
  ];
  return matches.find(([pattern]) => pattern.test(entity))?.[1] ?? '00000000-0000-4000-8000-000000000000';
}

const VALID_STRINGS: Array<[RegExp, () => string]> = [
  [/email/i, () => `valid-${unique()}@example.com`],
  [/timeZone/, () => 'Europe/London'],
  [/localTime|quietHours/, () => '09:00'],
  [/password/i, () => 'a long enough password'],
  [/token/i, () => 'x'.repeat(40)],
  [/url/i, () => 'https://meet.example.com/room'],
  [/startDate|dueBefore/, () => '2027-01-01'],
  [/endDate|dueDate|targetDate/, () => '2027-12-31'],
];
const VALID_INTS: Record<string, number> = {
  sessionMinutes: 60,
  durationMinutes: 60,
  sessionsAllotted: 6,
  reminderOffsetsMinutes: 60,
  first: 20,
  ordinal: 1,
  weekday: 2,
  day: 1,
};
const VALID_INPUTS: Record<string, () => Record<string, unknown>> = {
  CadenceInput: () => ({ frequency: 'MONTHLY', anchor: 'DAY_OF_MONTH', day: 1, localTime: '09:00' }),
  GoalMetricInput: () => ({ name: 'Base salary', unit: 'GBP', baseline: 0, target: 10 }),
};

/** A valid value of `type` for the field `name` (input objects with their required fields only). */
function validValue(ids: Ids, mutation: GraphQLField<unknown, unknown>, type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return validValue(ids, mutation, type.ofType, name);
  if (isListType(type)) return [validValue(ids, mutation, type.ofType, name)];
  if (isInputObjectType(type)) return VALID_INPUTS[type.name]?.() ?? requiredFields(ids, mutation, type);
  if (isEnumType(type)) return type.getValues()[0].value;
  switch (type.name) {
    case 'ID':
      return idFor(ids, mutation, name);
    case 'String':
      return VALID_STRINGS.find(([pattern]) => pattern.test(name))?.[1]() ?? 'Valid text';
    case 'Int':
      return VALID_INTS[name] ?? 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return /recorded/.test(name) ? PAST : FUTURE;
    default:
      throw new Error(`no valid value for the scalar ${type.name}: teach this test one`);
  }
}

function requiredFields(ids: Ids, mutation: GraphQLField<unknown, unknown>, type: GraphQLInputObjectType): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of Object.values(type.getFields())) {
    if (isNonNullType(field.type) && field.defaultValue === undefined)
      value[field.name] = validValue(ids, mutation, field.type, field.name);
  }
  return value;
}

/** Malformed values of the leaf `type` (the field's name and input type, when it is an input field, for its rules). */
function malformed(
  type: GraphQLInputType,
  owner: { inputType?: string; field: string },
): Array<{ label: string; value: unknown; named: boolean }> {
  const named = getNamedType(type);
  if (isEnumType(named)) return [{ label: 'unknown enum value', value: 'NOT_A_VALUE', named: false }];
  switch (named.name) {
    case 'String': {
      const max = owner.inputType ? maxLengthOf(owner.inputType, owner.field) : MAX_TEXT;
      const dates = owner.inputType && isCalendarDateField(owner.inputType, owner.field) ? ['2026-02-30', '2026-13-01', '2026-2-3'] : [];
      // A page argument: cursors this list never made (impossible dates, non-UUIDs, wrong arity or types).
      const cursors =
        owner.field === 'after' && !owner.inputType
          ? [
              ['9999-99-99', 'x'],
              ['2026-02-30', 'not-a-uuid'],
              ['2026-12-01T25:00:00.000000Z', 'x'],
              ['NAME', 'a\u0000', '00000000-0000-4000-8000-000000000000'],
              [1, 2],
              [],
            ]
          : [];
      return [
        ...cursors.map((keys) => ({
          label: `cursor ${JSON.stringify(keys)}`,
          value: Buffer.from(JSON.stringify(keys)).toString('base64url'),
          named: true,
        })),
        ...(cursors.length ? [{ label: 'not a cursor', value: 'not-a-cursor', named: true }] : []),
        { label: 'NUL', value: 'Valid\u0000text', named: true },
        { label: 'unpaired surrogate', value: 'Valid \ud800 text', named: true },
        ...(max === undefined ? [] : [{ label: 'over-length', value: 'x'.repeat(max + 1), named: true }]),
        ...dates.map((date) => ({ label: `date ${date}`, value: date, named: true })),
        { label: 'a number', value: 42, named: false },
      ];
    }
    case 'ID':
      return [
        { label: 'not a uuid', value: 'not-a-uuid', named: true },
        { label: 'uuid with NUL', value: '00000000-0000-4000-8000-00000000000\u0000', named: true },
        { label: 'over-length', value: 'x'.repeat(MAX_TEXT + 1), named: true },
      ];
    case 'DateTime':
      return (
        [
          1234,
          'yesterday',
          '2026-02-30T10:00:00Z',
          '2027-06-01T24:00:00Z',
          '2027-06-01T10:00:00',
          '2027-06-01',
          '2027-06-01T10:60:00Z',
          '2027-06-01T10:00:00+25:00',
        ] as unknown[]
      ).map((value) => ({
        label: `DateTime ${JSON.stringify(value)}`,
        value,
        named: true,
      }));
    case 'Int':
      return [
        { label: 'Int out of range', value: 2 ** 31, named: false },
        { label: 'Int a float', value: 1.5, named: false },
        { label: 'Int a string', value: '1', named: false },
      ];
    case 'Float':
      return [{ label: 'Float a string', value: 'x', named: false }];
    case 'Boolean':
      return [{ label: 'Boolean a string', value: 'yes', named: false }];
    default:
      throw new Error(`no malformed values for the scalar ${named.name}: teach this test some`);
  }
}

/**
 * The bad cases of one mutation: for each argument, each place inside it (recursively into input
 * objects and lists), each malformed value; `build` turns the value at that place into the
 * argument's whole value, everything around it valid.
 */
function casesOf(ids: Ids, operation: Operation, mutation: GraphQLField<unknown, unknown>): BadCase[] {
  const cases: BadCase[] = [];
  // Around the malformed value: the required arguments and the optional ids (some lists need one for a coach), all valid.
  const required = mutation.args.filter(
    (arg) => (isNonNullType(arg.type) && arg.defaultValue === undefined) || getNamedType(arg.type).name === 'ID',
  );

  for (const arg of mutation.args) {
    const args = required.includes(arg) ? required : [...required, arg];
    const objectArgument = isInputObjectType(getNamedType(arg.type));
    const add = (label: string, value: unknown, field: string | undefined) => {
      const variables: Record<string, unknown> = {};
      for (const other of args) variables[other.name] = other === arg ? value : validValue(ids, mutation, other.type, other.name);
      cases.push({
        operation,
        mutation: mutation.name,
        label,
        variables,
        args,
        ...(field === undefined ? {} : { field }),
        ...(objectArgument ? { inArgument: arg.name } : {}),
      });
    };
    // A place: its type, the field name a refusal names (relative to an input-object argument, as the pipe names it).
    const walk = (
      type: GraphQLInputType,
      field: string,
      owner: { inputType?: string; field: string },
      build: (leaf: unknown) => unknown,
    ): void => {
      if (isNonNullType(type)) {
        add(`${field || arg.name}: null`, build(null), undefined);
        walk(type.ofType, field, owner, build);
        return;
      }
      if (isListType(type)) {
        walk(type.ofType, field, owner, (leaf) => build([leaf]));
        return;
      }
      if (isInputObjectType(type)) {
        add(`${field || arg.name}: not an object`, build('not an object'), undefined);
        const around = validValue(ids, mutation, type, field) as Record<string, unknown>;
        for (const inner of Object.values(type.getFields())) {
          walk(inner.type, field ? `${field}.${inner.name}` : inner.name, { inputType: type.name, field: inner.name }, (leaf) =>
            build({ ...around, [inner.name]: leaf }),
          );
        }
        return;
      }
      for (const bad of malformed(type, owner)) add(`${field}: ${bad.label}`, build(bad.value), bad.named ? field : undefined);
    };
    walk(arg.type, objectArgument ? '' : arg.name, { field: arg.name }, (leaf) => leaf);
  }
  return cases;
}

function documentOf(schema: GraphQLSchema, badCase: BadCase): string {
  const mutation = (badCase.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType())!.getFields()[badCase.mutation];
  const sent = badCase.args.filter((arg) => arg.name in badCase.variables);
  const declarations = sent.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = sent.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(mutation.type)) ? ' { __typename }' : '';
  return `${badCase.operation}${declarations ? `(${declarations})` : ''} { ${badCase.mutation}${call ? `(${call})` : ''}${selection} }`;
}

/** Rows and content of every table (but the rate limit's counters): equal before and after means nothing was written. */
async function fingerprint(api: TestApi, tables: string[]): Promise<Record<string, string>> {
  const parts = tables.map(
    (table) =>
      `SELECT '${table}' AS t, count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS f FROM "${table}" x`,
  );
  const rows = await api.sql<{ t: string; f: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.t, row.f]));
}

async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

/** What is wrong with the answer to a bad case; undefined when it was refused as it should be. */
function wrongAnswer(badCase: BadCase, response: Awaited<ReturnType<Caller['raw']>>, caller: string): string | undefined {
  const error = response.body.errors?.[0];
  const code = error?.extensions?.code;
  const data = response.body.data as Record<string, unknown> | null | undefined;
  if (response.status >= 500) return `HTTP ${response.status}`;
  if (!error) return 'accepted';
  if (data?.[badCase.mutation] != null) return 'answered data';
  if (typeof code !== 'string' || !REFUSALS.has(code)) return `code ${String(code)}: ${error.message}`;
  // A cursor is read by the list's service after its scope: the coach's answer about the owner's client is NOT_FOUND first.
  if (caller === 'coach' && code === 'NOT_FOUND' && /cursor/.test(badCase.label)) return undefined;
  const names =
    badCase.field === undefined ? [] : [badCase.field, ...(badCase.inArgument ? [`${badCase.inArgument}.${badCase.field}`] : [])];
  if (badCase.field !== undefined && (code !== 'BAD_USER_INPUT' || !names.includes(error.extensions?.field as string))) {
    return `${String(code)} field ${String(error.extensions?.field)} (expected BAD_USER_INPUT on ${badCase.field}): ${error.message}`;
  }
  return undefined;
}

describe('generated bad input: every mutation and query, every argument and input field', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  let ids: Ids;
  let owner: Session;
  let coach: Session;
  let client: Session;

  beforeAll(async () => {
    api = await TestApi.start();
    schema = api.app.get(GraphQLSchemaHost).schema;
    owner = await anOwner(api);
    coach = await aCoach(api, owner);
    const record = await aClient(api, owner);
    const engagement = await anEngagement(api, owner, record.id, { startDate: '2027-01-01' });
    const as = api.as(owner.token);
    const { createActionItem } = await as.gql(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
      input: { engagementId: engagement.id, title: 'Update the CV' },
    });
    const { createGoal } = await as.gql(`mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        engagementId: engagement.id,
        title: 'A new role',
        category: 'CAREER',
        horizon: 'ONE_YEAR',
        metric: VALID_INPUTS.GoalMetricInput(),
      },
    });
    const { createSponsor } = await as.gql(`mutation($input: SponsorInput!) { createSponsor(input: $input) { id } }`, {
      input: { organisation: 'Acme', contactName: 'Ann', contactEmail: 'ann@acme.example.com' },
    });
    client = await aClientLogin(api, owner, record.id);
    ids = {
      client: record.id,
      engagement: engagement.id,
      session: engagement.sessions[0].id,
      actionItem: createActionItem.id,
      goal: createGoal.id,
      sponsor: createSponsor.id,
      coach: coach.userId,
    };
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it('every string input field has a MaxLength', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'String' && maxLengthOf(type.name, field.name) === undefined)
          unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuses every malformed value of every mutation and query with a 4xx-class error and writes nothing', async () => {
    const tables = (
      await api.sql<{ relname: string }>(`SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`)
    )
      .map((row) => row.relname)
      .filter((table) => !NOT_FINGERPRINTED.has(table));
    const roots: Array<[Operation, Array<GraphQLField<unknown, unknown>>]> = [
      ['mutation', Object.values(schema.getMutationType()!.getFields())],
      ['query', Object.values(schema.getQueryType()!.getFields())],
    ];
    const counts: Array<{ operation: Operation; field: string; as: string; cases: number }> = [];
    const wrong: string[] = [];

    for (const [operation, fields] of roots) {
      for (const root of fields) {
        const cases = casesOf(ids, operation, root);
        if (cases.length === 0) continue;
        const before = await fingerprint(api, tables);
        // Who may call it: nobody needed for the public ones, else staff (owner and coach), else the
        // client; probed with a value refused after the role check (a null is refused before it).
        const callers: Array<[string, Caller]> = [];
        const probeCase = cases.find((badCase) => badCase.field !== undefined) ?? cases[0];
        const anonymous = await api.anonymous().raw(documentOf(schema, probeCase), probeCase.variables);
        if (anonymous.body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') callers.push(['nobody', api.anonymous()]);
        for (const [name, session] of callers.length
          ? []
          : ([
              ['owner', owner],
              ['coach', coach],
              ['client', client],
            ] as const)) {
          const caller = api.as(session.token);
          const probe = await caller.raw(documentOf(schema, probeCase), probeCase.variables);
          if (probe.body.errors?.[0]?.extensions?.code !== 'FORBIDDEN') callers.push([name, caller]);
          if (callers.length === 2 || (name === 'coach' && callers.length > 0)) break;
        }
        expect(callers.length).toBeGreaterThan(0);

        for (const [name, caller] of callers) {
          const answers = await inParallel(cases, 4, (badCase) => caller.raw(documentOf(schema, badCase), badCase.variables));
          answers.forEach((answer, index) => {
            const problem = wrongAnswer(cases[index], answer, name);
            if (problem) wrong.push(`${root.name} as ${name}, ${cases[index].label}: ${problem}`);
          });
          counts.push({ operation, field: root.name, as: name, cases: cases.length });
        }
        const after = await fingerprint(api, tables);
        const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
        if (changed.length) wrong.push(`${root.name}: changed ${changed.join(', ')}`);
      }
    }

    const total = (operation: Operation) => counts.filter((row) => row.operation === operation).reduce((sum, row) => sum + row.cases, 0);
    const width = Math.max(...counts.map((row) => row.field.length));
    console.log(
      [
        `Generated bad inputs: ${total('mutation')} requests to ${roots[0][1].length} mutations, ${total('query')} to the queries with arguments:`,
        ...counts.map((row) => `  ${row.operation.padEnd(8)}  ${row.field.padEnd(width)}  ${row.as.padEnd(6)}  ${row.cases}`),
      ].join('\n'),
    );
    expect(roots[0][1].length).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  }, 300_000);
});
