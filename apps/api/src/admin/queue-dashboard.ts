import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { decodeJwt } from 'jose';
import type { BullMqJobQueue } from '#tandem/queue';
import type { AccessTokenService } from '#tandem/coaching';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'tandem_admin';
/** The cookie never outlives the access token in it, nor 15 minutes. */
const COOKIE_MAX_SECONDS = 15 * 60;

type Request = IncomingMessage & { secure?: boolean };
type Next = (error?: unknown) => void;

/**
 * Bull Board over the `tandem` queue, to be mounted at DASHBOARD_PATH behind
 * ownerOnly(). Read-only: any practice's owner gets in and the queue holds every
 * practice's jobs, so nobody retries, removes or adds jobs from here.
 */
export function queueDashboard(queue: BullMqJobQueue['bullQueue']): (req: Request, res: ServerResponse, next: Next) => void {
  const serverAdapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  // Its types name the Redis-backed Queue only; at run time it handles the PostgreSQL backend too.
  const adapter = new BullMQAdapter(queue as unknown as Queue, { readOnlyMode: true });
  createBullBoard({
    queues: [adapter],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tandem queues' } },
  });
  return serverAdapter.getRouter();
}

/**
 * Lets through only a logged-in OWNER, whose access token comes as
 * `Authorization: Bearer …` or in the `tandem_admin` cookie. Also answers
 * `GET login?token=…`: it checks the token, puts it in that cookie and redirects
 * to the dashboard so the token leaves the address bar. Expects to be mounted at
 * DASHBOARD_PATH (paths here are relative to it).
 */
export function ownerOnly(tokens: AccessTokenService): (req: Request, res: ServerResponse, next: Next) => void {
  return (req, res, next) => {
    guard(tokens, req, res, next).catch(next);
  };
}

async function guard(tokens: AccessTokenService, req: Request, res: ServerResponse, next: Next): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/login' && req.method === 'GET') return logIn(tokens, url.searchParams.get('token'), req, res);
  const refusal = await checkOwner(tokens, bearerToken(req.headers.authorization) ?? cookie(req.headers.cookie, DASHBOARD_COOKIE));
  if (refusal) return refuse(res, refusal);
  next();
}

interface Refusal {
  status: 401 | 403;
  message: string;
}

async function checkOwner(tokens: AccessTokenService, token: string | undefined | null): Promise<Refusal | null> {
  if (!token) return { status: 401, message: 'Log in: send an owner access token as a bearer token, or open login?token=… first.' };
  const actor = await tokens.verify(token);
  if (!actor) return { status: 401, message: 'Your session has expired; log in again.' };
  if (actor.role !== 'OWNER') return { status: 403, message: 'Only a practice owner may see the queue dashboard.' };
  return null;
}

async function logIn(tokens: AccessTokenService, token: string | null, req: Request, res: ServerResponse): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  const refusal = await checkOwner(tokens, token);
  if (refusal) return refuse(res, refusal);
  const { exp } = decodeJwt(token!);
  const maxAge = Math.min(COOKIE_MAX_SECONDS, Math.floor((exp ?? 0) - Date.now() / 1000));
  if (maxAge <= 0) return refuse(res, { status: 401, message: 'Your session has expired; log in again.' });
  const attributes = [`Max-Age=${maxAge}`, `Path=${DASHBOARD_PATH}`, 'HttpOnly', 'SameSite=Strict', ...(req.secure ? ['Secure'] : [])];
  res.writeHead(303, { Location: DASHBOARD_PATH, 'Set-Cookie': `${DASHBOARD_COOKIE}=${token}; ${attributes.join('; ')}` });
  res.end();
}

function refuse(res: ServerResponse, { status, message }: Refusal): void {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  res.writeHead(status, headers);
  res.end(`${message}\n`);
}

function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
