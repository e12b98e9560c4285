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

/**
 * Up to `limit` rows of a query builder's page (its conditions and order) as a named prepared
 * statement: the entity's columns selected through `columns` (plus `extra` [expression, alias]
 * pairs), the limit a parameter so the text is stable per shape, the entities hydrated as
 * getMany() would. The raw rows come back too, for the extra columns.
 */
export async function preparedPage<T extends ObjectLiteral>(
  db: PreparedQueries,
  qb: {
    select(selection: string, alias: string): unknown;
    addSelect(selection: string, alias: string): unknown;
    getQueryAndParameters(): [string, unknown[]];
  },
  columns: RawEntityColumns<T>,
  alias: string,
  limit: number,
  extra: ReadonlyArray<readonly [string, string]> = [],
): Promise<{ entities: T[]; rows: Array<Record<string, unknown>> }> {
  const [[firstExpression, firstAlias], ...rest] = columns.selections(alias);
  qb.select(firstExpression, firstAlias);
  for (const [expression, as] of [...rest, ...extra]) qb.addSelect(expression, as);
  const [sql, params] = qb.getQueryAndParameters();
  const rows = await db.preparedQuery(`${sql} LIMIT $${params.length + 1}`, [...params, limit]);
  return { entities: rows.map((row) => columns.hydrate(row)!), rows };
}
