import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Entities read with hand-written SQL (set-based reads the query builder cannot
 * express), hydrated exactly as TypeORM hydrates them: the entity's columns are
 * selected under `<prefix><column>` and converted by the driver's
 * prepareHydratedValue, so the objects equal what `getMany()` would return, or,
 * for a subset from `only()`, what `getMany()` returns with those columns selected
 * (the other properties are left unset).
 */
export class RawEntityColumns<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: readonly ColumnMetadata[];
  /** [row key, column] for hydrate(). */
  private readonly keys: ReadonlyArray<readonly [string, ColumnMetadata]>;
  private readonly primaryKey: string;
  private readonly subsets = new Map<string, RawEntityColumns<T>>();
  /** The selected columns, as text: one per subset. */
  readonly key: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    /** Prefix of the column aliases in the result row, e.g. `ns__`. */
    readonly prefix: string,
    /** Only these properties (the primary key always); default all. */
    properties?: readonly string[],
  ) {
    this.metadata = dataSource.getMetadata(entity);
    if (properties) {
      const unknown = properties.filter((property) => !this.metadata.findColumnWithPropertyName(property));
      if (unknown.length) throw new Error(`RawEntityColumns: ${this.metadata.tableName} has no ${unknown.join(', ')}`);
    }
    this.columns = properties
      ? this.metadata.columns.filter((column) => column.isPrimary || properties.includes(column.propertyName))
      : this.metadata.columns;
    this.keys = this.columns.map((column) => [prefix + column.databaseName, column] as const);
    this.primaryKey = prefix + this.metadata.primaryColumns[0].databaseName;
    this.key = `${prefix}:${this.columns.map((column) => column.databaseName).join(',')}`;
  }

  /** The same entity with only `properties` read (memoized per list, so pass them in a stable order). */
  only(properties: readonly string[]): RawEntityColumns<T> {
    const key = properties.join(',');
    let subset = this.subsets.get(key);
    if (!subset) {
      subset = new RawEntityColumns(this.dataSource, this.entity, this.prefix, properties);
      this.subsets.set(key, subset);
    }
    return subset;
  }

  /** `alias.col AS prefixcol, …` for a SELECT list. */
  select(alias: string): string {
    return this.columns.map((column) => `${alias}."${column.databaseName}" AS ${this.prefix}${column.databaseName}`).join(', ');
  }

  /** [expression, alias] pairs, for a query builder's select()/addSelect(). */
  selections(alias: string): Array<[string, string]> {
    return this.columns.map((column) => [`${alias}."${column.databaseName}"`, `${this.prefix}${column.databaseName}`]);
  }

  /** The entity in `row`, or null when its primary key is null (an outer join that found nothing). */
  hydrate(row: Record<string, unknown>): T | null {
    const id = row[this.primaryKey];
    if (id === null || id === undefined) return null;
    const entity = this.metadata.create() as T;
    const driver = this.dataSource.driver;
    for (const [key, column] of this.keys) {
      const value = row[key];
      if (value === undefined) continue;
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}

/** The part of Db a prepared page needs. */
interface PreparedQueries {
  preparedQuery<R = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<R[]>;
}

/** The part of a query builder a prepared page uses. */
interface PageQuery {
  select(selection: string, alias: string): unknown;
  addSelect(selection: string, alias: string): unknown;
  getQuery(): string;
  getParameters(): Record<string, unknown>;
  getQueryAndParameters(): [string, unknown[]];
  readonly dataSource: {
    readonly driver: { escapeQueryWithParameters(sql: string, parameters: Record<string, unknown>): [string, unknown[]] };
  };
}

/** A page's statement text and, per placeholder ($1, $2, …), the name of the parameter bound to it. */
interface PageStatement {
  text: string;
  names: string[];
}

/** More shapes than this and the memo starts again (texts are rebuilt, never wrong). */
const PAGE_SHAPES = 1_000;

/**
 * The statements of one list's pages, written by the query builder once per shape and then only
 * bound: a repeated request skips TypeORM's query building (a tenth of a portal request's CPU).
 *
 * A shape is what decides the text: the caller names it (its scope, which conditions are present,
 * the cursor's kind) and hands the values by parameter name. The first request of a shape builds
 * the query as before, runs the text TypeORM wrote with the values TypeORM bound, and checks that
 * the values handed in are the same ones; later requests bind the handed values in the recorded
 * order, so both paths send PostgreSQL the same statement with the same values.
 */
export class PreparedPages {
  private readonly statements = new Map<string, PageStatement>();

  /**
   * Up to `limit` rows of the page `shape` (the query builder `build()` returns: its conditions and
   * order, with `parameters`), as a named prepared statement: the entity's columns selected through
   * `columns` (plus `extra` [expression, alias] pairs, fixed per call site), the limit a parameter,
   * the entities hydrated as getMany() would. The raw rows come back too, for the extra columns.
   */
  async read<T extends ObjectLiteral>(
    db: PreparedQueries,
    page: { shape: string; parameters: Record<string, unknown>; build: () => PageQuery },
    columns: RawEntityColumns<T>,
    alias: string,
    limit: number,
    extra: ReadonlyArray<readonly [string, string]> = [],
  ): Promise<{ entities: T[]; rows: Array<Record<string, unknown>> }> {
    const key = `${page.shape}|${columns.key}`;
    const statement = this.statements.get(key);
    let text: string;
    let values: unknown[];
    if (statement) {
      text = statement.text;
      values = statement.names.map((name) => page.parameters[name]);
    } else {
      const qb = page.build();
      const [[firstExpression, firstAlias], ...rest] = columns.selections(alias);
      qb.select(firstExpression, firstAlias);
      for (const [expression, as] of [...rest, ...extra]) qb.addSelect(expression, as);
      const [sql, bound] = qb.getQueryAndParameters();
      const names = boundNames(qb);
      names.forEach((name, index) => assertSameValue(name, page.parameters[name], bound[index], page.shape));
      text = `${sql} LIMIT $${bound.length + 1}`;
      values = bound;
      if (this.statements.size >= PAGE_SHAPES) this.statements.clear();
      this.statements.set(key, { text, names });
    }
    const rows = await db.preparedQuery(text, [...values, limit]);
    return { entities: rows.map((row) => columns.hydrate(row)!), rows };
  }
}

/** The parameter names behind the placeholders TypeORM writes, in placeholder order (found with one marker per name). */
function boundNames(qb: PageQuery): string[] {
  const markers = new Map<object, string>();
  const parameters: Record<string, unknown> = {};
  for (const name of Object.keys(qb.getParameters())) {
    const marker = {};
    markers.set(marker, name);
    parameters[name] = marker;
  }
  const [, bound] = qb.dataSource.driver.escapeQueryWithParameters(qb.getQuery(), parameters);
  return bound.map((marker) => {
    const name = markers.get(marker as object);
    if (name === undefined) throw new Error('PreparedPages: a placeholder bound to something other than one named parameter');
    return name;
  });
}

function assertSameValue(name: string, handed: unknown, bound: unknown, shape: string): void {
  const same = handed instanceof Date && bound instanceof Date ? handed.getTime() === bound.getTime() : handed === bound;
  if (!same) throw new Error(`PreparedPages: shape ${shape} binds ${name} to a value the caller did not hand in`);
}
