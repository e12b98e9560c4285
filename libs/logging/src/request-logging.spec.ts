import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from './create-logger.js';
import { countSqlStatement, currentRequestId } from './request-context.js';
import { requestLogging } from './request-logging.middleware.js';

describe('request logging', () => {
  const lines: Array<Record<string, unknown>> = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, 'test', stream);
    const middleware = requestLogging(logger, { quietPaths: ['/health/live'] });
    server = createServer((req, res) =>
      middleware(req, res, () => {
        // Later work, after an await, still sees the request's context.
        if (req.url === '/never') return; // answered only by the caller giving up
        setImmediate(() => {
          countSqlStatement();
          countSqlStatement();
          logger.info('inside the request');
          res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
          res.end(currentRequestId());
        });
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('echoes a sane X-Request-Id, counts statements and writes one line per response without the query string', async () => {
    lines.length = 0;
    const answer = await fetch(`${base}/unsubscribe?token=one-time-secret`, { headers: { 'x-request-id': 'trace-42' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-42');
    expect(answer.headers.get('x-sql-statements')).toBe('2');
    expect(await answer.text()).toBe('trace-42');
    await settled();
    expect(lines.find((line) => line.msg === 'inside the request')).toMatchObject({ requestId: 'trace-42' });
    const access = lines.filter((line) => line.msg === 'request completed');
    expect(access).toEqual([
      expect.objectContaining({
        level: 30,
        req: { id: 'trace-42', method: 'GET', url: '/unsubscribe' },
        res: { statusCode: 200 },
        sqlStatements: 2,
        responseTime: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('one-time-secret');
  });

  it('makes its own id for a missing or unsafe one, warns on a 4xx and stays quiet on quiet paths', async () => {
    lines.length = 0;
    const hostile = await fetch(`${base}/missing`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await hostile.text();
    await (await fetch(`${base}/health/live`)).text();
    await settled();
    expect(lines.filter((line) => line.msg === 'request completed')).toEqual([
      expect.objectContaining({ level: 40, req: expect.objectContaining({ id: hostile.headers.get('x-request-id'), url: '/missing' }) }),
    ]);
  });

  it('logs a response the caller gave up on as an error', async () => {
    lines.length = 0;
    await expect(fetch(`${base}/never`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    for (let tries = 0; tries < 50 && !lines.some((line) => line.msg === 'request aborted'); tries += 1) await settled();
    expect(lines.filter((line) => line.msg === 'request aborted')).toEqual([
      expect.objectContaining({ level: 50, req: expect.objectContaining({ url: '/never' }) }),
    ]);
  });
});
