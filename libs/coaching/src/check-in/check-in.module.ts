import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckIn } from './check-in.entity.js';
import { CheckInResolver, ClientCheckInResolver } from './check-in.resolver.js';
import { CheckInService } from './check-in.service.js';

/** Mid-cycle check-in answers: recorded from the signed links of the check-in email, read by coach and client. */
@Module({
  imports: [TypeOrmModule.forFeature([CheckIn])],
  providers: [CheckInService, CheckInResolver, ClientCheckInResolver],
  exports: [CheckInService],
})
export class CheckInModule {}
