import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadUserInputError } from '#tandem/errors';

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
      return values as Array<string | number>;
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError('after is not a cursor from this list', 'after');
}

/**
 * Builds a page from `rows` fetched with LIMIT first + 1 (the extra row says
 * whether there is a next page). An edge's cursor is encoded when it is read
 * (most pages ask only for pageInfo.endCursor, if any).
 */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T, index: number) => ReadonlyArray<string | number>): ConnectionShape<T> {
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
