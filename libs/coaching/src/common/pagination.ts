import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadUserInputError } from '#tandem/errors';
import { isCalendarDate, isStorableText, parseRfc3339, UUID_PATTERN } from './validation.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field({ nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** A Relay-style connection type for `node` (edges, pageInfo). */
export function Connection<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Cursors are opaque to clients: the keyset values of the last row, base64url-encoded. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): Array<string | number> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError('after is not a cursor from this list', 'after');
}

/**
 * to_char format of a timestamp in a cursor: UTC with microseconds, as PostgreSQL stores it.
 * A JS Date keeps milliseconds only, and rows written in one transaction share now(), so a
 * cursor made from a Date would skip or repeat rows: timestamps go into cursors from SQL.
 */
export const CURSOR_TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

/** SQL rendering the timestamptz `expression` as its exact cursor text (sorts like the timestamp). */
export function cursorTimeText(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', '${CURSOR_TIME_FORMAT}')`;
}

/** What a keyset column holds, which says how a cursor carries it and how it is checked. */
export type KeyType = 'timestamptz' | 'uuid' | 'text' | 'date' | 'bigint';

// A cursor is checked as strictly as an argument: nothing PostgreSQL would refuse to cast reaches SQL.
const KEY_TEXT: Record<KeyType, (value: string) => boolean> = {
  timestamptz: (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && parseRfc3339(value) !== undefined,
  uuid: (value) => UUID_PATTERN.test(value),
  date: (value) => isCalendarDate(value),
  bigint: (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n,
  text: (value) => isStorableText(value),
};

/** Whether a cursor's key is text PostgreSQL reads as `type` (a real date, an instant, a UUID…). */
export function isCursorKey(value: unknown, type: KeyType): boolean {
  return typeof value === 'string' && KEY_TEXT[type](value);
}

/** SQL selecting a key of `type` as its exact cursor text. */
export function cursorKeyText(expression: string, type: KeyType): string {
  return type === 'timestamptz' ? cursorTimeText(expression) : `CAST(${expression} AS text)`;
}

/**
 * Decodes a cursor of keys of `types` (each a string, checked against its type; '' where
 * `nullable` says a key may be null). BAD_USER_INPUT for anything this list did not make.
 */
export function decodeKeys(cursor: string, types: readonly KeyType[], nullable: readonly boolean[] = []): string[] {
  const values = decodeCursor(cursor, types.length);
  return values.map((value, index) => {
    if (isCursorKey(value, types[index]) || (nullable[index] === true && value === '')) return value as string;
    throw new BadUserInputError('after is not a cursor from this list', 'after');
  });
}

/** The part of a query builder a keyset page uses. */
interface KeysetQuery {
  andWhere(condition: string, parameters?: Record<string, unknown>): unknown;
  addOrderBy(sort: string, order?: 'ASC' | 'DESC'): unknown;
}

/**
 * A connection's order as a keyset: columns compared as one row, all in one direction, the last
 * one unique. The rule every connection follows: a cursor holds each key exactly as the database
 * compares it, read from SQL (`selections()`, then `cursorOf(raw row)`), never from the hydrated
 * entity; timestamps as text with microseconds (cursorTimeText), the rest as their text.
 */
export class Keyset {
  private readonly aliases: string[];

  constructor(
    readonly direction: 'ASC' | 'DESC',
    readonly keys: ReadonlyArray<{ sql: string; type: KeyType }>,
    /** Prefix of the selected cursor columns (distinct per list when one statement pages two). */
    private readonly prefix = 'cursor_',
  ) {
    this.aliases = keys.map((_, index) => `${prefix}${index}`);
  }

  /** [expression, alias] pairs selecting every key as its cursor text. */
  selections(): Array<[string, string]> {
    return this.keys.map((key, index) => [cursorKeyText(key.sql, key.type), this.aliases[index]]);
  }

  /** Orders `qb` by the keys and, with `after`, keeps only the rows past that cursor. */
  apply(qb: KeysetQuery, after: string | undefined): void {
    this.applyAfter(qb, this.afterParameters(after));
  }

  /** The named parameters of the condition past `after` (a cursor of this list), or undefined without one. */
  afterParameters(after: string | undefined): Record<string, unknown> | undefined {
    if (!after) return undefined;
    const values = decodeKeys(
      after,
      this.keys.map((key) => key.type),
    );
    return Object.fromEntries(values.map((value, index) => [`${this.prefix}after${index}`, value]));
  }

  /** apply() with the cursor already decoded by afterParameters(). */
  applyAfter(qb: KeysetQuery, parameters: Record<string, unknown> | undefined): void {
    if (parameters) {
      const left = this.keys.map((key) => key.sql).join(', ');
      const right = this.keys.map((key, index) => `CAST(:${this.prefix}after${index} AS ${key.type})`).join(', ');
      qb.andWhere(`(${left}) ${this.direction === 'ASC' ? '>' : '<'} (${right})`, parameters);
    }
    for (const key of this.keys) qb.addOrderBy(key.sql, this.direction);
  }

  /** The cursor values of a row read with `selections()`. */
  cursorOf(row: Record<string, unknown>): string[] {
    return this.aliases.map((alias) => String(row[alias]));
  }

  /** A page of entities with the raw rows they were read from (same order, as getRawAndEntities and PreparedPages.read return them). */
  connection<T>(page: { entities: T[]; raw: Array<Record<string, unknown>> }, first: number): ConnectionShape<T> {
    return toConnection(page.entities, first, (_entity, index) => this.cursorOf(page.raw[index]));
  }
}

/**
 * Builds a page from `rows` fetched with LIMIT first + 1 (the extra row says
 * whether there is a next page). An edge's cursor is encoded when it is read
 * (most pages ask only for pageInfo.endCursor, if any).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T, index: number) => ReadonlyArray<string | number>,
): ConnectionShape<T> {
  const page = rows.length > first ? rows.slice(0, first) : rows;
  const edges = page.map((node, index) => new LazyEdge(node, index, cursorOf));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

class LazyEdge<T> implements Edge<T> {
  private encoded?: string;

  constructor(
    readonly node: T,
    private readonly index: number,
    private readonly cursorOf: (row: T, index: number) => ReadonlyArray<string | number>,
  ) {}

  get cursor(): string {
    return (this.encoded ??= encodeCursor(this.cursorOf(this.node, this.index)));
  }
}
