import { Module, type DynamicModule } from '@nestjs/common';
import { AccountRequestsModule, SessionHorizonModule } from '#tandem/coaching';
import { NotificationsModule } from '#tandem/notifications';
import { CoreModule, type Runtime } from '#tandem/runtime';

/** The worker: no HTTP, just the queue consumer and the processors registered with it. */
@Module({})
export class WorkerModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(runtime, { runWorker: true, applicationName: 'tandem-worker' }),
        NotificationsModule,
        SessionHorizonModule,
        AccountRequestsModule,
      ],
    };
  }
}
