import { Injectable, Logger, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Db } from '../access/db.js';

const OWN_TRANSACTION = 'tandem:own-transaction';

/**
 * For a mutation whose service begins its one transaction itself, after a slow step that
 * needs no connection (log-in checks a password hash first: 100–400 ms of CPU during which
 * a transaction begun up front would hold a pooled connection idle).
 */
export const OwnTransaction = () => SetMetadata(OWN_TRANSACTION, true);

/**
 * Every GraphQL mutation runs in one transaction: all of it is written, or none
 * of it. Emails are planned as outbox rows in the same transaction (CoachingEvents),
 * so none goes out for a change that rolled back.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  private readonly logger = new Logger('TransactionInterceptor');

  constructor(
    private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{
      operation: { operation: string };
      fieldName: string;
      parentType: { name: string };
    }>();
    if (info.operation.operation !== 'mutation' || info.parentType.name !== 'Mutation') return next.handle();
    if (this.reflector.get<boolean>(OWN_TRANSACTION, context.getHandler())) return next.handle();
    return from(
      this.db
        .transaction<unknown>(() => lastValueFrom(next.handle(), { defaultValue: undefined }))
        .then(({ result, auditEvents }) => {
          if (auditEvents === 0) this.logger.debug(`mutation ${info.fieldName} wrote no audit event`);
          return result;
        }),
    );
  }
}
