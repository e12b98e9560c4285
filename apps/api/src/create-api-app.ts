import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { pinoHttp } from 'pino-http';
import { PinoLoggerService, requestContext, type RequestContext } from '#tandem/logging';
import type { Runtime } from '#tandem/runtime';
import { ApiModule, type ApiModuleOptions } from './api.module.js';
import { securityHeaders } from './security-headers.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** PROTOTYPE: the app on Fastify (issue 14 A/B); web app serving left out. */
export async function createApiApp(runtime: Runtime, options: ApiModuleOptions): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: runtime.config.trustProxy as never,
    bodyLimit: 100 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(runtime, options), adapter, {
    logger: new PinoLoggerService(runtime.logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const helmet = securityHeaders({ production: runtime.config.isProduction }) as unknown as (
    req: unknown,
    res: unknown,
    next: (error?: unknown) => void,
  ) => void;
  const quiet = new Set(['/health/live', '/health/ready', '/metrics']);
  const httpLogger = pinoHttp({
    logger: runtime.logger,
    genReqId: (req) => (req as unknown as { tandemId: string }).tandemId,
    autoLogging: { ignore: (req) => quiet.has((req.url ?? '').split('?')[0] ?? '') },
    customProps: (req) => ({ sqlStatements: (req as { sqlStatements?: number }).sqlStatements }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  const contexts = new WeakMap<object, RequestContext>();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    (request.raw as unknown as { tandemId: string }).tandemId = request.id;
    httpLogger(request.raw, reply.raw);
    contexts.set(request, { requestId: request.id, sqlStatements: 0 });
    helmet(request.raw, reply.raw, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run(contexts.get(request)!, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const context = contexts.get(request);
    if (context) {
      reply.header('X-Sql-Statements', String(context.sqlStatements));
      (request.raw as unknown as { sqlStatements?: number }).sqlStatements = context.sqlStatements;
    }
    done(null, payload);
  });
  return app;
}
