import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';

/**
 * A logical backup of Tandem's tables, for the embedded server (whose package ships no
 * pg_dump) as for any other: gzip'd JSON lines. The first line is a header naming the
 * migrations the schema was at; then, per table, a `{"table", "rows"}` line followed by one
 * line per row (PostgreSQL's to_jsonb, which never breaks a line, read back with json_populate_recordset, so every
 * type survives as PostgreSQL itself prints and parses it). The whole dump reads one snapshot.
 */
export const BACKUP_FORMAT = 'tandem-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The migrations applied to the database backed up, oldest first. */
  migrations: string[];
}

export interface TableCount {
  table: string;
  rows: number;
}

// Bookkeeping the restore writes itself by migrating.
const MIGRATIONS_TABLE = 'typeorm_migrations';
const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;

/** Writes a backup of the database at `url` to `file`; returns the rows per table. */
export async function backupDatabase(url: string, file: string, now = new Date()): Promise<TableCount[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map(
      (row) => row.name,
    );
    const tables = await dataTables(client);
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), migrations };
    const counts: TableCount[] = [];

    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        const [{ rows }] = (await client.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${quote(table)}`)).rows as [
          { rows: number },
        ];
        counts.push({ table, rows });
        yield `${JSON.stringify({ table, rows })}\n`;
        await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS line FROM ${quote(table)} t`);
        for (;;) {
          const batch = (await client.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`)).rows;
          if (batch.length) yield `${batch.map((row) => row.line).join('\n')}\n`;
          if (batch.length < FETCH_ROWS) break;
        }
        await client.query('CLOSE backup_rows');
      }
    }

    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { flags: 'wx' }));
    await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}

/** The header of a backup file, checked. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) return parseHeader(line, file);
    throw new Error(`${file} is empty`);
  } finally {
    reader.close();
    input.destroy();
  }
}

/**
 * Loads a backup into the database at `url`, whose schema must already be at the backup's
 * migrations and hold no rows. One transaction: a failed restore leaves the database empty.
 * Foreign keys and triggers are not checked while loading (session_replication_role), as
 * pg_restore does, so tables load in any order; this needs a superuser (the embedded server's
 * and compose's users are).
 */
export async function restoreDatabase(url: string, file: string): Promise<TableCount[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-restore' });
  await client.connect();
  let input: NodeJS.ReadableStream | undefined;
  let reader: ReturnType<typeof createInterface> | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    const tables = new Set(await dataTables(client));
    for (const table of tables) {
      const [{ any }] = (await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS any`)).rows as [
        { any: boolean },
      ];
      if (any) throw new Error(`the database is not empty (table ${table} has rows): restore into a new database`);
    }
    const counts: TableCount[] = [];
    let header: BackupHeader | undefined;
    let current: { table: string; expected: number; columns: string[]; loaded: number } | undefined;
    let pending: string[] = [];

    const flush = async () => {
      if (!current || pending.length === 0) return;
      const columns = current.columns.map(quote).join(', ');
      await client.query(
        `INSERT INTO ${quote(current.table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM json_populate_recordset(NULL::${quote(current.table)}, $1::json)`,
        [`[${pending.join(',')}]`],
      );
      current.loaded += pending.length;
      pending = [];
    };
    const finishTable = async () => {
      await flush();
      if (!current) return;
      if (current.loaded !== current.expected)
        throw new Error(`${file} is cut short: ${current.table} has ${current.loaded} of ${current.expected} rows`);
      counts.push({ table: current.table, rows: current.loaded });
    };

    // Opened only now: readline drops the lines it reads before something iterates over it.
    const gunzip = createReadStream(file).pipe(createGunzip());
    input = gunzip;
    reader = createInterface({ input: gunzip, crlfDelay: Infinity });
    for await (const line of reader) {
      if (!line) continue;
      if (!header) {
        header = parseHeader(line, file);
        await assertSameMigrations(client, header);
        continue;
      }
      if (current && current.loaded + pending.length < current.expected) {
        pending.push(line);
        if (pending.length >= INSERT_ROWS) await flush();
        continue;
      }
      await finishTable();
      const next = JSON.parse(line) as { table?: unknown; rows?: unknown };
      if (typeof next.table !== 'string' || typeof next.rows !== 'number')
        throw new Error(`${file} is not a Tandem backup (unexpected line)`);
      if (!tables.has(next.table)) throw new Error(`the backup has a table ${next.table} that this schema does not`);
      current = { table: next.table, expected: next.rows, columns: await insertableColumns(client, next.table), loaded: 0 };
    }
    if (!header) throw new Error(`${file} is empty`);
    await finishTable();
    await resetIdentities(client);
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    reader?.close();
    (input as { destroy?: () => void } | undefined)?.destroy?.();
    await client.end();
  }
}

function parseHeader(line: string, file: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new Error(`${file} is not a Tandem backup`);
  }
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.migrations)) throw new Error(`${file} is not a Tandem backup`);
  if (header.version !== BACKUP_VERSION)
    throw new Error(`${file} is a version ${header.version} backup; this Tandem reads version ${BACKUP_VERSION}`);
  return header as BackupHeader;
}

async function assertSameMigrations(client: pg.Client, header: BackupHeader): Promise<void> {
  const applied = (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map((row) => row.name);
  if (applied.join() !== header.migrations.join()) {
    throw new Error(
      `the database's schema (${applied.length} migrations) is not the backup's (${header.migrations.length}): migrate it to the backup's migrations first`,
    );
  }
}

/** Every table of the public schema but the migrations' bookkeeping, by name. */
async function dataTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1 ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows.map((row) => row.name);
}

/** Its columns that take a value (not generated ones), in table order. */
async function insertableColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** Identity and serial columns continue after the highest restored value. */
async function resetIdentities(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.table_name AS table, c.column_name AS column, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS sequence
       FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.table_name <> $1 AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
    [MIGRATIONS_TABLE],
  );
  for (const row of rows) {
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${quote(row.column)}) FROM ${quote(row.table)}), 1), (SELECT max(${quote(row.column)}) FROM ${quote(row.table)}) IS NOT NULL)`,
      [row.sequence],
    );
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
