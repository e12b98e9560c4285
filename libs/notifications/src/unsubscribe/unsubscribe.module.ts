import { Module } from '@nestjs/common';
import { AccessModule } from '#tandem/coaching';
import { UnsubscribeController } from './unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/** GET/POST /unsubscribe. Needs AppConfig and a TypeORM DataSource from the app; reads practices through CoachingReads. */
@Module({
  imports: [AccessModule],
  controllers: [UnsubscribeController],
  providers: [UnsubscribeService],
})
export class UnsubscribeModule {}
