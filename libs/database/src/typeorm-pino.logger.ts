import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { countSqlStatement, RepeatedErrorLog } from '#tandem/logging';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** TypeORM's warnings, errors and migration progress, as structured pino lines (never query parameters). */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  private readonly logger: Logger;
  /** A database that went away fails every statement: one line, then a summary per window. */
  private readonly unavailable: RepeatedErrorLog;

  constructor(logger: Logger) {
    this.logger = logger.child({ context: 'Database' });
    this.unavailable = new RepeatedErrorLog(this.logger, 'postgres unreachable');
  }

  logQuery(query: string): void {
    countSqlStatement();
    this.logger.trace({ query }, 'query');
  }
  logQueryError(error: string | Error, query: string): void {
    if (isDatabaseUnavailable(error)) this.unavailable.report(error);
    // A warning: the caller decides what the failure means (a unique violation is a CONFLICT
    // answer, a bug is logged at error once by whoever reports the request or job).
    else this.logger.warn({ err: error, query }, 'query failed');
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
