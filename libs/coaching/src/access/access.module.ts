import { Global, Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CoachingReadStatements } from '../reads/coaching-read-statements.js';
import { CoachingReads } from './coaching-reads.js';
import { Db } from './db.js';
import { LoaderFactory } from './loaders.js';
import { Scope } from './scope.js';

/**
 * What every domain module stands on: the transaction-aware Db, the tenant Scope, loaders and the audit trail;
 * and CoachingReads, what other libraries read of coaching.
 */
@Global()
@Module({
  providers: [Db, Scope, LoaderFactory, AuditService, { provide: CoachingReads, useClass: CoachingReadStatements }],
  exports: [Db, Scope, LoaderFactory, AuditService, CoachingReads],
})
export class AccessModule {}
