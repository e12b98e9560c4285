import 'reflect-metadata';
import { describeBackends, exitOnStartupError, startRuntime } from '#tandem/runtime';
import { createApiApp } from './create-api-app.js';
import { handleShutdownSignals } from './shutdown.js';

/**
 * `npm start`: everything in one process. With nothing configured that means an
 * embedded PostgreSQL under ./var, the queue on PostgreSQL and mail to ./var/outbox.
 */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem', migrate: true });
  const app = await createApiApp(runtime, { runWorker: true });
  handleShutdownSignals(app, runtime);
  const { config } = runtime;
  await app.listen(config.port, config.host);

  const backends = describeBackends(config);
  const lines = [
    '',
    `  Tandem is running (${config.nodeEnv})`,
    `  GraphQL   ${config.appUrl}/graphql${config.isProduction ? '' : '  (open it in a browser for the sandbox)'}`,
    `  Health    ${config.appUrl}/health/ready`,
    `  Database  ${runtime.databaseLabel}`,
    `  Queue     ${backends.queue}`,
    `  Mail      ${backends.mail}`,
    `  Worker    in this process`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  runtime.logger.info({ graphql: `${config.appUrl}/graphql`, database: runtime.databaseLabel, ...backends }, 'Tandem started');
}

main().catch(exitOnStartupError);
