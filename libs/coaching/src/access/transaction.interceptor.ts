import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Db } from './db.js';

/**
 * Every GraphQL mutation runs in one transaction: all of it is written, or none
 * of it. Jobs and mail queued with `db.afterCommit` go out only after the commit.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  private readonly logger = new Logger('TransactionInterceptor');

  constructor(private readonly db: Db) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ operation: { operation: string }; fieldName: string; parentType: { name: string } }>();
    if (info.operation.operation !== 'mutation' || info.parentType.name !== 'Mutation') return next.handle();
    return from(
      this.db.transaction(() => lastValueFrom(next.handle(), { defaultValue: undefined })).then(({ result, auditEvents }) => {
        if (auditEvents === 0) this.logger.debug(`mutation ${info.fieldName} wrote no audit event`);
        return result;
      }),
    );
  }
}
