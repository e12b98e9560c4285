import { Global, Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Db } from './db.js';
import { LoaderFactory } from './loaders.js';
import { Scope } from './scope.js';

/** What every domain module stands on: the transaction-aware Db, the tenant Scope, loaders and the audit trail. */
@Global()
@Module({
  providers: [Db, Scope, LoaderFactory, AuditService],
  exports: [Db, Scope, LoaderFactory, AuditService],
})
export class AccessModule {}
