import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import pg from 'pg';

/**
 * The raw limit of the API benchmark: a bare node:http server with a pg.Pool that
 * answers the two pages the benchmark measures with the same JSON Tandem's
 * GraphQL API answers, each from ONE hand-written SQL statement (named, so
 * PostgreSQL parses and plans it once per connection):
 *
 * - POST /roster: the coach's roster page, what Tandem answers to
 *   `clients(first: N) { edges { node { name status currentEngagement { title status }
 *   nextSession { startsAt timeZone } openActionItemCount latestGoalProgress { goalTitle progress } } }
 *   pageInfo { hasNextPage endCursor } }`;
 * - POST /portal: a client's page, `myActionItems(first: 50) { edges { node { title dueDate status isOverdue } } }
 *   sessions(from: $from, first: 10) { edges { node { startsAt timeZone agenda sharedSummary } } }`.
 *
 * It does the work any server must do: it reads and parses the JSON body and
 * verifies the bearer token (HS256, the same secret and issuer as Tandem), whose
 * claims say whose page it is. It does no GraphQL parsing, validation or
 * resolving, no ORM hydration and no per-request DataLoaders: that is the
 * difference being measured.
 */
export interface RawApiServerOptions {
  databaseUrl: string;
  jwtSecret: string;
  poolSize?: number;
  /** Roster page size (Tandem: clients(first: …)). */
  rosterFirst?: number;
  host?: string;
}

export interface RawApiServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

const ROSTER_SQL = `
  SELECT c.id, c.name, c.status,
         e.title AS engagement_title, e.status AS engagement_status,
         s.starts_at, s.time_zone,
         (SELECT count(*)::int FROM action_item a WHERE a.client_id = c.id AND a.status = 'OPEN') AS open_items,
         g.title AS goal_title, g.metric_baseline, g.metric_target, g.value AS goal_value
    FROM client c
    LEFT JOIN LATERAL (
      SELECT e.title, e.status FROM engagement e
       WHERE e.client_id = c.id
       ORDER BY e.status = 'ACTIVE' DESC, CASE WHEN e.status = 'ACTIVE' THEN e.start_date END, e.start_date DESC
       LIMIT 1) AS e ON true
    LEFT JOIN LATERAL (
      SELECT s.starts_at, s.time_zone FROM coaching_session s
       WHERE s.client_id = c.id AND s.status = 'SCHEDULED' AND s.starts_at >= now()
       ORDER BY s.starts_at
       LIMIT 1) AS s ON true
    LEFT JOIN LATERAL (
      SELECT g.title, g.metric_baseline, g.metric_target, ci.value
        FROM goal g JOIN goal_check_in ci ON ci.goal_id = g.id
       WHERE g.client_id = c.id
       ORDER BY ci.recorded_at DESC
       LIMIT 1) AS g ON true
   WHERE c.practice_id = $1 AND c.coach_id = $2 AND c.archived_at IS NULL
   ORDER BY c.name, c.id
   LIMIT $3`;

const PORTAL_SQL = `
  (SELECT 1 AS part, a.title, a.due_date::text AS due_date, a.status,
          -- isOverdue: OPEN and due before today in the client's zone.
          (a.status = 'OPEN' AND a.due_date < (now() AT TIME ZONE (SELECT c.time_zone FROM client c WHERE c.id = a.client_id))::date) AS overdue,
          NULL::timestamptz AS starts_at, NULL::text AS time_zone, NULL::text AS agenda, NULL::text AS shared_summary, NULL::timestamptz AS summary_published_at
     FROM action_item a
    WHERE a.practice_id = $1 AND a.client_id = $2
    ORDER BY a.due_date ASC NULLS LAST, a.id
    LIMIT 50)
  UNION ALL
  (SELECT 2, NULL, NULL, NULL, NULL, s.starts_at, s.time_zone, s.agenda, s.shared_summary, s.summary_published_at
     FROM coaching_session s
    WHERE s.practice_id = $1 AND s.client_id = $2 AND s.starts_at >= $3
    ORDER BY s.starts_at, s.id
    LIMIT 10)`;

interface RosterRow {
  id: string;
  name: string;
  status: string;
  engagement_title: string | null;
  engagement_status: string | null;
  starts_at: Date | null;
  time_zone: string | null;
  open_items: number;
  goal_title: string | null;
  metric_baseline: number | null;
  metric_target: number | null;
  goal_value: number | null;
}

interface PortalRow {
  part: number;
  title: string | null;
  due_date: string | null;
  status: string | null;
  overdue: boolean | null;
  starts_at: Date | null;
  time_zone: string | null;
  agenda: string | null;
  shared_summary: string | null;
  summary_published_at: Date | null;
}

interface Claims {
  userId: string;
  practiceId: string;
  role: string;
  clientId: string | null;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startRawApiServer(options: RawApiServerOptions): Promise<RawApiServer> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20, application_name: 'tandem-bench-raw' });
  // An idle connection the server drops (a restart) must not take the process down; the next query reports it.
  pool.on('error', () => undefined);
  const key = new TextEncoder().encode(options.jwtSecret);
  const rosterFirst = options.rosterFirst ?? 100;

  async function claimsOf(req: http.IncomingMessage): Promise<Claims> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new HttpError(401, 'no bearer token');
    try {
      const { payload } = await jwtVerify(header.slice(7).trim(), key, { issuer: 'tandem', algorithms: ['HS256'] });
      return {
        userId: String(payload.sub),
        practiceId: String(payload.pid),
        role: String(payload.role),
        clientId: typeof payload.cid === 'string' ? payload.cid : null,
      };
    } catch {
      throw new HttpError(401, 'invalid token');
    }
  }

  async function roster(claims: Claims): Promise<unknown> {
    if (claims.role !== 'COACH') throw new HttpError(403, 'coaches only');
    const { rows } = await pool.query<RosterRow>({
      name: 'bench-roster',
      text: ROSTER_SQL,
      values: [claims.practiceId, claims.userId, rosterFirst + 1],
    });
    const page = rows.slice(0, rosterFirst);
    const edges = page.map((row) => ({
      node: {
        name: row.name,
        status: row.status,
        currentEngagement: row.engagement_title === null ? null : { title: row.engagement_title, status: row.engagement_status },
        nextSession: row.starts_at === null ? null : { startsAt: row.starts_at, timeZone: row.time_zone },
        openActionItemCount: row.open_items,
        latestGoalProgress:
          row.goal_title === null
            ? null
            : { goalTitle: row.goal_title, progress: goalProgress(row.metric_baseline!, row.metric_target!, row.goal_value) },
      },
    }));
    const last = page.at(-1);
    return {
      data: {
        clients: {
          edges,
          pageInfo: {
            hasNextPage: rows.length > rosterFirst,
            endCursor: last ? Buffer.from(JSON.stringify(['NAME', last.name, last.id])).toString('base64url') : null,
          },
        },
      },
    };
  }

  async function portal(claims: Claims, body: { variables?: { from?: string } }): Promise<unknown> {
    if (claims.role !== 'CLIENT' || !claims.clientId) throw new HttpError(403, 'clients only');
    const from = new Date(body.variables?.from ?? Date.now());
    if (Number.isNaN(from.getTime())) throw new HttpError(400, 'bad from');
    const { rows } = await pool.query<PortalRow>({
      name: 'bench-portal',
      text: PORTAL_SQL,
      values: [claims.practiceId, claims.clientId, from],
    });
    const items: unknown[] = [];
    const sessions: unknown[] = [];
    for (const row of rows) {
      if (row.part === 1) {
        items.push({
          node: { title: row.title, dueDate: row.due_date, status: row.status, isOverdue: row.overdue === true },
        });
      } else {
        sessions.push({
          node: {
            startsAt: row.starts_at,
            timeZone: row.time_zone,
            agenda: row.agenda,
            sharedSummary: row.summary_published_at ? row.shared_summary : null,
          },
        });
      }
    }
    return { data: { myActionItems: { edges: items }, sessions: { edges: sessions } } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method !== 'POST') throw new HttpError(405, 'POST only');
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: { from?: string } };
          const claims = await claimsOf(req);
          const path = (req.url ?? '').split('?')[0];
          const answer = path === '/roster' ? await roster(claims) : path === '/portal' ? await portal(claims, body) : null;
          if (answer === null) throw new HttpError(404, 'not found');
          const json = JSON.stringify(answer);
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(json),
            'x-sql-statements': '1',
          });
          res.end(json);
        } catch (error) {
          const status = error instanceof HttpError ? error.status : 500;
          const json = JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] });
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        }
      })();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** The same formula as Tandem's goalProgress: 0–1 from the baseline to the target, clamped. */
function goalProgress(baseline: number, target: number, value: number | null): number {
  if (value === null) return 0;
  const span = target - baseline;
  if (span === 0) return 1;
  return Math.min(1, Math.max(0, (value - baseline) / span));
}
