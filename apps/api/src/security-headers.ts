import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

// The web app talks only to its own origin; inline styles are allowed for React's style
// attributes and the unsubscribe page's <style>. The one inline script is index.html's (it starts
// a reload's token refresh early), allowed by its hash: test/production/web-assets.spec.ts checks
// that every inline script the built page carries is allowed. No upgrade-insecure-requests: a plain-HTTP
// install (npm start on a laptop) would have every asset rewritten to an https URL that fails.
const INDEX_HTML_SCRIPT = "'sha256-hpNyHB1TV5m9Ah9bJLxi7sqxKcDI7P3NY3AUlncsGlY='";

const APP_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", INDEX_HTML_SCRIPT],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

const COMMON = {
  referrerPolicy: { policy: 'same-origin' as const },
  xFrameOptions: { action: 'deny' as const },
};

/**
 * helmet's headers on every response (GraphQL, health, metrics, the web app). In development
 * the GraphQL sandbox page loads Apollo's embeddable explorer from its CDN, so `/graphql`
 * goes without a content security policy there; production has no sandbox.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  const strict = helmet({ ...COMMON, contentSecurityPolicy: APP_POLICY });
  if (options.production) return strict;
  const sandbox = helmet({ ...COMMON, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (req.path === '/graphql' ? sandbox : strict)(req, res, next);
}
