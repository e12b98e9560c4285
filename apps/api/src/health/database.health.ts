import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2000;

/**
 * Readiness of the API's database: PostgreSQL answers, and every migration this build
 * knows has been applied (an API on an older schema would fail request by request).
 * The body says what is wrong in words of its own, never the driver's message.
 */
@Injectable()
export class DatabaseHealthIndicator {
  /** Migrations are not un-applied under a running process: once all are there, stop asking. */
  private migrated = false;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  async check(key: 'database') {
    const indicator = this.health.check(key);
    try {
      const pending = await withTimeout(this.pendingMigrations(), PING_TIMEOUT_MS);
      if (pending === undefined) return indicator.down({ message: 'PostgreSQL does not answer' });
      if (pending.length) return indicator.down({ message: `${pending.length} migration(s) not applied`, pending });
      return indicator.up();
    } catch {
      return indicator.down({ message: 'PostgreSQL does not answer' });
    }
  }

  private async pendingMigrations(): Promise<string[]> {
    if (this.migrated) {
      await this.dataSource.query('SELECT 1');
      return [];
    }
    const known = this.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const [{ exists }] = await this.dataSource.query<[{ exists: boolean }]>('SELECT to_regclass($1) IS NOT NULL AS exists', [table]);
    const applied = exists
      ? new Set((await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM "${table}"`)).map((row) => row.name))
      : new Set<string>();
    const pending = known.filter((name) => !applied.has(name));
    this.migrated = pending.length === 0;
    return pending;
  }
}

/** The value, or undefined when it takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
