import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BullMqJobQueue, type BullMqJobQueueOptions } from './bullmq-job-queue.js';
import { JobQueue } from './job-queue.js';

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: BullMqJobQueueOptions): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: JobQueue, useFactory: () => new BullMqJobQueue(options) }],
      exports: [JobQueue],
    };
  }
}
