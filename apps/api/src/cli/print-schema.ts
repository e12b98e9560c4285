import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoLoggerService } from '#tandem/logging';
import { exitOnStartupError, startRuntime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { ApiModule } from '../api.module.js';
import { SCHEMA_FILE } from '../graphql/graphql.options.js';

/** `npm run schema:generate`: rewrites schema.graphql from the code-first types. */
async function main(): Promise<void> {
  const runtime = await startRuntime({ name: 'tandem-schema', migrate: true, migrations: ALL_MIGRATIONS });
  try {
    const app = await NestFactory.create(ApiModule.forRoot(runtime, { runWorker: false, schemaFile: SCHEMA_FILE }), {
      logger: new PinoLoggerService(runtime.logger),
    });
    await app.init();
    await app.close();
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  } finally {
    await runtime.stop();
  }
}

main().catch(exitOnStartupError);
