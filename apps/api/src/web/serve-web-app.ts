import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Paths the API itself answers; the web app never shadows them. */
const API_PATHS = /^\/(graphql|health|metrics|admin|unsubscribe|check-in)(\/|$)/;

// Precompressed copies written by the build (apps/web/precompress.ts), in our order of preference.
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const HASHED_ASSET = 'public, max-age=31536000, immutable';

/** The built single-page app (`npm run build:web` writes it to dist/web). */
export function defaultWebAppDir(): string {
  return resolve(process.env.WEB_APP_DIR ?? join(process.cwd(), 'dist', 'web'));
}

export function webAppBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the web app at `/`: hashed assets with a year's caching, any other page path
 * answered with index.html (the app routes in the browser, so it is revalidated every time).
 * A file goes out as its `.br` or `.gz` copy when the browser accepts one; source maps are
 * kept on the server, never served. API paths pass through. Security headers come from
 * helmet in createApiApp.
 */
export function serveWebApp(dir: string): RequestHandler {
  const root = resolve(dir);
  const files = listFiles(root);
  const send = (req: Request, res: Response, next: NextFunction, path: string, cacheControl: string) => {
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', cacheControl);
    // Content-Type from the original's extension, so a .br copy of app.js is still JavaScript.
    res.type(extname(path));
    const encoding = pickEncoding(req, files, path);
    if (encoding) res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(join(root, path + (encoding?.suffix ?? '')), { dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next((err as { status?: number }).status === 404 ? undefined : err);
    });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    const path = filePath(root, req.path);
    if (path && path !== 'index.html' && files.has(path) && !path.endsWith('.map')) {
      return send(req, res, next, path, path.startsWith('assets/') ? HASHED_ASSET : 'no-cache');
    }
    // A missing asset (or a source map) is a 404, not the app's HTML.
    if (req.path.startsWith('/assets/') || req.path.endsWith('.map') || !req.accepts('html')) return next();
    send(req, res, next, 'index.html', 'no-cache');
  };
}

/** Every file under the build, by its path relative to it with `/` separators. */
function listFiles(root: string): Set<string> {
  return new Set(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
}

/** The request path as a file of the build, or undefined when it is not one (or escapes it). */
function filePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = relative(root, join(root, decoded)).split(sep).join('/');
  return path && !path.startsWith('..') ? path : undefined;
}

/**
 * The best precompressed copy the request accepts: the highest q-value wins and, between
 * equals, ours (brotli is smaller than gzip; browsers list gzip first).
 */
function pickEncoding(req: Request, files: Set<string>, path: string) {
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  let best: (typeof ENCODINGS)[number] | undefined;
  let bestQ = 0;
  for (const encoding of ENCODINGS) {
    const q = accepted.get(encoding.name) ?? accepted.get('*') ?? 0;
    if (q > bestQ && files.has(path + encoding.suffix)) [best, bestQ] = [encoding, q];
  }
  return best;
}

/** `gzip, br;q=0.9, *;q=0` → gzip 1, br 0.9, * 0 (RFC 9110 §12.5.3). */
function acceptedEncodings(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  return accepted;
}

/** Shown at `/` when the app has not been built, so a developer knows what to run. */
export function webAppMissing(dir: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res
      .status(503)
      .type('text/plain')
      .send(`The web app is not built (looked in ${dir}). Run \`npm run build:web\`, or \`npm run dev:web\` for the dev server.\n`);
  };
}
