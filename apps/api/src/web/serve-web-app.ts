import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths the API itself answers; the web app never shadows them. */
const API_PATHS = /^\/(graphql|health|metrics|admin|unsubscribe)(\/|$)/;

// The app talks only to its own origin; inline styles are allowed for React's style attributes.
const WEB_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The built single-page app (`npm run build:web` writes it to dist/web). */
export function defaultWebAppDir(): string {
  return resolve(process.env.WEB_APP_DIR ?? join(process.cwd(), 'dist', 'web'));
}

export function webAppBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the web app at `/`: hashed assets with a year's caching, any other page path
 * answered with index.html (the app routes in the browser). API paths pass through.
 */
export function serveWebApp(dir: string): RequestHandler {
  const index = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    setHeaders(res, path) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (path.includes(`${join(dir, 'assets')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    files(req, res, () => {
      // A missing asset is a 404, not the app's HTML.
      if (req.path.startsWith('/assets/') || !req.accepts('html')) return next();
      res.set({ ...WEB_SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
      res.sendFile(index);
    });
  };
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
