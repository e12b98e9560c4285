import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PinoLoggerService, requestLogging } from '#tandem/logging';
import type { Runtime } from '#tandem/runtime';
import { ApiModule, type ApiModuleOptions } from './api.module.js';
import { securityHeaders } from './security-headers.js';
import { defaultWebAppDir, serveWebApp, webAppBuilt, webAppMissing } from './web/serve-web-app.js';

/** Builds the HTTP app (GraphQL + health) exactly as production runs it; tests use the same function. */
export async function createApiApp(runtime: Runtime, options: ApiModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(runtime, options), {
    logger: new PinoLoggerService(runtime.logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // No ETag on the app's own answers (GraphQL, health, metrics): they are per caller and sent
  // with no-store, so nothing revalidates them, and Express would hash every body (SHA-1) to
  // make one. The web app's files keep theirs (sendFile makes its own).
  app.set('etag', false);
  // Only these peers may set X-Forwarded-For: the client IP (log-in and rate limits) must not be a header anyone can write.
  app.set('trust proxy', runtime.config.trustProxy);
  app.use(securityHeaders({ production: runtime.config.isProduction }));
  app.use(requestLogging(runtime.logger, { quietPaths: ['/health/live', '/health/ready', '/metrics'] }));
  if (options.webAppDir !== false) {
    const dir = options.webAppDir ?? defaultWebAppDir();
    if (webAppBuilt(dir)) app.use(serveWebApp(dir));
    else {
      runtime.logger.warn({ dir }, 'the web app is not built: run npm run build:web');
      app.use(webAppMissing(dir));
    }
  }
  return app;
}
