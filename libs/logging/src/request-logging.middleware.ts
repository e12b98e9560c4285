import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { requestContext } from './request-context.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every HTTP request an id (the caller's X-Request-Id when it is sane),
 * echoes it back, logs one line per response and makes the id visible to all
 * logging done while the request is handled.
 */
export function requestLogging(logger: Logger, options: { quietPaths?: string[] } = {}) {
  const quiet = new Set(options.quietPaths ?? []);
  const httpLogger = pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => quiet.has((req.url ?? '').split('?')[0] ?? '') },
    customProps: (req) => ({ sqlStatements: (req as IncomingMessage & { sqlStatements?: number }).sqlStatements }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      // Query strings can carry one-time tokens (unsubscribe and sign-in links): log the path only.
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    httpLogger(req, res);
    // pino-http has set the id genReqId made (a string).
    const context = { requestId: (req as IncomingMessage & { id: string }).id, sqlStatements: 0 };
    // Report the statement count in a header (set just before the headers go out) and in the access log.
    const writeHead = res.writeHead.bind(res) as (...args: Parameters<ServerResponse['writeHead']>) => ServerResponse;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!this.headersSent) this.setHeader('X-Sql-Statements', String(context.sqlStatements));
      (req as IncomingMessage & { sqlStatements?: number }).sqlStatements = context.sqlStatements;
      return writeHead(...args);
    } as ServerResponse['writeHead'];
    requestContext.run(context, next);
  };
}
