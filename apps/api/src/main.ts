import 'reflect-metadata';
import { exitOnStartupError, handleShutdownSignals, startRuntime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../migrations/index.js';
import { createApiApp } from './create-api-app.js';

/** The API alone (production shape: run the worker as its own process). */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem-api', migrate: false, migrations: ALL_MIGRATIONS });
  const app = await createApiApp(runtime, { runWorker: false });
  handleShutdownSignals(app, runtime);
  await app.listen(runtime.config.port, runtime.config.host);
  runtime.logger.info({ url: `${runtime.config.appUrl}/graphql` }, 'API listening');
}

main().catch(exitOnStartupError);
