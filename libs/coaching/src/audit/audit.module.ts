import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { AuditEventResolver } from './audit.resolver.js';

/** The audit trail as the API shows it. Writing it (AuditService) is part of AccessModule, which every module stands on. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditEventResolver],
})
export class AuditModule {}
