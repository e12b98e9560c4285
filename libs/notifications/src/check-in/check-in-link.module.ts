import { Module } from '@nestjs/common';
import { CheckInModule } from '#tandem/coaching';
import { CheckInLinkController } from './check-in-link.controller.js';

/** GET/POST /check-in: the answer links of mid-cycle check-in emails. */
@Module({
  imports: [CheckInModule],
  controllers: [CheckInLinkController],
})
export class CheckInLinkModule {}
