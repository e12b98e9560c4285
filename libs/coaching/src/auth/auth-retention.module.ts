import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuthRetention } from './auth-retention.js';

/** The sign-in tables' retention, for the worker's data retention job (which serves no API). */
@Module({
  imports: [AccessModule],
  providers: [AuthRetention],
  exports: [AuthRetention],
})
export class AuthRetentionModule {}
