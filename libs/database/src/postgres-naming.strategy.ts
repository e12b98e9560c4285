import { DefaultNamingStrategy, type Table } from 'typeorm';

function tableName(tableOrName: Table | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop()!;
}

/**
 * Constraint names as PostgreSQL chooses them when a migration leaves them out
 * (`REFERENCES practice(id)` becomes `client_practice_id_fkey`, `UNIQUE (token_hash)`
 * becomes `refresh_token_token_hash_key`), so a `@ForeignKey` or `@Unique` on an
 * entity names the constraint its migration made, and `migration:generate` sees
 * nothing to change. Columns keep their declared order, as PostgreSQL's names do.
 * Index and check names are always written out, on the entity as in the migration.
 */
export class PostgresNamingStrategy extends DefaultNamingStrategy {
  override primaryKeyName(tableOrName: Table | string): string {
    return `${tableName(tableOrName)}_pkey`;
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return `${tableName(tableOrName)}_${columnNames.join('_')}_key`;
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return `${tableName(tableOrName)}_${columnNames.join('_')}_fkey`;
  }
}
