import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { BullMqJobQueue } from '#tandem/queue';
import { carriesSecret } from '#tandem/runtime';

export const DASHBOARD_PATH = '/admin/queues';

type Next = (error?: unknown) => void;

/**
 * Bull Board over the `tandem` queue, to be mounted at DASHBOARD_PATH behind
 * operatorOnly(). The queue holds every practice's jobs and SMTP failure texts:
 * it is for whoever runs the platform, and read-only even for them.
 */
export function queueDashboard(queue: BullMqJobQueue['bullQueue']): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const serverAdapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  // Its types name the Redis-backed Queue only; at run time it handles the PostgreSQL backend too.
  const adapter = new BullMQAdapter(queue as unknown as Queue, { readOnlyMode: true });
  createBullBoard({
    queues: [adapter],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tandem queues' } },
  });
  // An Express router (typed `any` by the adapter): a plain Node handler with a `next`.
  return serverAdapter.getRouter() as (req: IncomingMessage, res: ServerResponse, next: Next) => void;
}

/**
 * Lets through only requests carrying ADMIN_TOKEN, as HTTP basic auth (any user
 * name; a browser asks for it) or `Authorization: Bearer …`. No practice role
 * opens it: an owner runs one practice, not the platform.
 */
export function operatorOnly(adminToken: string): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  return (req, res, next) => {
    if (carriesSecret(req.headers.authorization, adminToken)) return next();
    res.writeHead(401, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'WWW-Authenticate': 'Basic realm="Tandem operator", charset="UTF-8"',
    });
    res.end('The queue dashboard needs the operator credential (ADMIN_TOKEN).\n');
  };
}
