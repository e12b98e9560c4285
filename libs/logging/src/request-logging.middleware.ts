import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestContext, type RequestContext } from './request-context.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every HTTP request an id (the caller's X-Request-Id when it is sane),
 * echoes it back, logs one line per response and makes the id visible to all
 * logging done while the request is handled.
 *
 * The line is written once, when the response closes, with the fields an operator
 * searches by (`req.id`, as pino-http named it, the method, the path without its query
 * string, which can carry one-time tokens, the status, the time and the statement
 * count); no child logger or serializers per request.
 */
export function requestLogging(logger: Logger, options: { quietPaths?: string[] } = {}) {
  const quiet = new Set(options.quietPaths ?? []);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const context: RequestContext = { requestId, sqlStatements: 0 };
    // Report the statement count in a header (set just before the headers go out) and in the access log.
    const writeHead = res.writeHead.bind(res) as (...args: Parameters<ServerResponse['writeHead']>) => ServerResponse;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!this.headersSent) this.setHeader('X-Sql-Statements', String(context.sqlStatements));
      return writeHead(...args);
    } as ServerResponse['writeHead'];
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!quiet.has(path)) res.once('close', () => logResponse(logger, req, res, context, path, started));
    requestContext.run(context, next);
  };
}

function logResponse(logger: Logger, req: IncomingMessage, res: ServerResponse, context: RequestContext, path: string, started: number) {
  const status = res.statusCode;
  const finished = res.writableEnded;
  const level = !finished || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      req: { id: context.requestId, method: req.method, url: path },
      res: { statusCode: status },
      responseTime: Math.round(performance.now() - started),
      sqlStatements: context.sqlStatements,
    },
    finished ? 'request completed' : 'request aborted',
  );
}
