import { createHash } from 'node:crypto';
import pg from 'pg';
import type { CapturedStatement } from './statement-capture.js';

/** What EXPLAIN (ANALYZE, BUFFERS) says about one captured statement, over `repeat` runs. */
export interface ExplainedStatement {
  /** The statement's first words, for the table (`WITH page AS (SELECT …`). */
  head: string;
  /** Node types with their index (or relation) names, depth-first, no costs or row counts: "Sort > Nested Loop > Index Scan(client_coach_id_idx) …". */
  plan: string;
  /** 8 hex characters of plan's SHA-1. */
  fingerprint: string;
  /** Median over the runs of PostgreSQL's own Execution Time, ms. */
  executionMs: number;
  /** Median Planning Time, ms (a named prepared statement plans once per connection; this is one planning). */
  planningMs: number;
  /** Shared buffers of the last run: hit in PostgreSQL's cache, and read from the OS. */
  sharedHit: number;
  sharedRead: number;
  /** Rows the statement returned (the plan's top node, last run). */
  rows: number;
  /** Every run's Execution Time and Planning Time, ms. */
  executions: number[];
  plannings: number[];
}

/** Statements EXPLAIN can run: the rest (BEGIN, COMMIT, SET …) count as statements but have no plan. */
const EXPLAINABLE = /^\s*(\(?\s*)(select|with|insert|update|delete|values)\b/i;

export function explainable(statement: CapturedStatement): boolean {
  return EXPLAINABLE.test(statement.text);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Join Type'?: string;
  'Parent Relationship'?: string;
  'Actual Rows'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface ExplainResult {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

/**
 * Runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of `statement` with the values the request sent,
 * `repeat` times, each in a transaction that is rolled back (ANALYZE executes the statement, and
 * a write must leave nothing behind). The plan is the one PostgreSQL picks for these values (a
 * custom plan); the app's named prepared statement may switch to a generic plan after five runs
 * on a connection, which `genericPlan` shows.
 */
export async function explainStatement(url: string, statement: CapturedStatement, repeat = 5): Promise<ExplainedStatement> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-bench-explain' });
  await client.connect();
  const executions: number[] = [];
  const plannings: number[] = [];
  let last: ExplainResult | undefined;
  try {
    for (let i = 0; i < Math.max(1, repeat); i += 1) {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<{ 'QUERY PLAN': ExplainResult[] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
          statement.values,
        );
        last = rows[0]['QUERY PLAN'][0];
      } finally {
        await client.query('ROLLBACK');
      }
      executions.push(last['Execution Time']);
      plannings.push(last['Planning Time']);
    }
  } finally {
    await client.end();
  }
  const plan = planShape(last!.Plan);
  return {
    head: statement.text.replace(/\s+/g, ' ').trim().slice(0, 40),
    plan,
    fingerprint: fingerprintOf(plan),
    executionMs: median(executions),
    planningMs: median(plannings),
    sharedHit: last!.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: last!.Plan['Shared Read Blocks'] ?? 0,
    rows: last!.Plan['Actual Rows'] ?? 0,
    executions,
    plannings,
  };
}

/**
 * The generic plan of the statement (EXPLAIN (GENERIC_PLAN), PostgreSQL 16+): the one a named
 * prepared statement may settle on, planned without the values. Null when the server cannot.
 */
export async function genericPlan(url: string, statement: CapturedStatement): Promise<{ plan: string; fingerprint: string } | null> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-bench-explain' });
  await client.connect();
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${statement.text}`,
    );
    const plan = planShape(rows[0]['QUERY PLAN'][0].Plan);
    return { plan, fingerprint: fingerprintOf(plan) };
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** The plan tree as text: node types, join types, index names (else relation names); nothing that varies with the data's size. */
export function planShape(node: PlanNode): string {
  const target = node['Index Name'] ?? node['Relation Name'];
  const join = node['Join Type'] && node['Node Type'] !== 'Hash' ? ` ${node['Join Type']}` : '';
  const label = `${node['Node Type']}${join}${target ? `(${target})` : ''}`;
  const children = (node.Plans ?? []).map(planShape);
  return children.length ? `${label} [${children.join(', ')}]` : label;
}

export function fingerprintOf(plan: string): string {
  return createHash('sha1').update(plan).digest('hex').slice(0, 8);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
