import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities read with hand-written SQL (set-based reads the query builder cannot
 * express), hydrated exactly as TypeORM hydrates them: every column of the entity
 * is selected under `<prefix><column>` and converted by the driver's
 * prepareHydratedValue, so the objects equal what `getMany()` would return.
 */
export class RawEntityColumns<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    /** Prefix of the column aliases in the result row, e.g. `ns__`. */
    readonly prefix: string,
  ) {
    this.metadata = dataSource.getMetadata(entity);
  }

  /** `alias.col AS prefixcol, …` for a SELECT list. */
  select(alias: string): string {
    return this.metadata.columns.map((column) => `${alias}."${column.databaseName}" AS ${this.prefix}${column.databaseName}`).join(', ');
  }

  /** [expression, alias] pairs, for a query builder's select()/addSelect(). */
  selections(alias: string): Array<[string, string]> {
    return this.metadata.columns.map((column) => [`${alias}."${column.databaseName}"`, `${this.prefix}${column.databaseName}`]);
  }

  /** The entity in `row`, or null when its primary key is null (an outer join that found nothing). */
  hydrate(row: Record<string, unknown>): T | null {
    const primary = this.metadata.primaryColumns[0]!;
    if (row[this.prefix + primary.databaseName] === null || row[this.prefix + primary.databaseName] === undefined) return null;
    const entity = this.metadata.create() as T;
    const driver = this.dataSource.driver;
    for (const column of this.metadata.columns) {
      const value = row[this.prefix + column.databaseName];
      if (value === undefined) continue;
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}
