import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoLoggerService } from '#tandem/logging';
import { describeBackends, exitOnStartupError, handleShutdownSignals, startRuntime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../migrations/index.js';
import { startMetricsServer } from './metrics-server.js';
import { WorkerModule } from './worker.module.js';

/** The worker alone (production shape: scale it separately from the API). */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem-worker', migrate: false, migrations: ALL_MIGRATIONS });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime), {
    logger: new PinoLoggerService(runtime.logger),
    abortOnError: false,
  });
  const metrics = await startMetricsServer(runtime.config, runtime.logger);
  // Metrics stay scrapeable while running jobs drain; the server closes just before the database stops.
  handleShutdownSignals(app, {
    ...runtime,
    async stop() {
      await metrics?.close();
      await runtime.stop();
    },
  });
  await app.init();
  runtime.logger.info({ database: runtime.databaseLabel, ...describeBackends(runtime.config) }, 'worker started');
}

main().catch(exitOnStartupError);
