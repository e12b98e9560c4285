import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { countSqlStatement } from '#tandem/logging';

/** TypeORM's warnings, errors and migration progress, as structured pino lines (never query parameters). */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger.child({ context: 'Database' });
  }

  logQuery(query: string): void {
    countSqlStatement();
    this.logger.trace({ query }, 'query');
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow query');
  }
  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger[level === 'warn' ? 'warn' : 'info'](String(message));
  }
}
