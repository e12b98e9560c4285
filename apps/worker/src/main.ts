import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoLoggerService } from '#tandem/logging';
import { describeBackends, exitOnStartupError, startRuntime } from '#tandem/runtime';
import { handleShutdownSignals } from '../../api/src/shutdown.js';
import { WorkerModule } from './worker.module.js';

/** The worker alone (production shape: scale it separately from the API). */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem-worker', migrate: false });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime), {
    logger: new PinoLoggerService(runtime.logger),
    abortOnError: false,
  });
  handleShutdownSignals(app, runtime);
  await app.init();
  runtime.logger.info({ database: runtime.databaseLabel, ...describeBackends(runtime.config) }, 'worker started');
}

main().catch(exitOnStartupError);
