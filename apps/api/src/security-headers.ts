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

/** What a helmet middleware does to a response: headers set and removed, in its order. */
type HeaderStep = readonly [name: string, value: string | undefined];

/**
 * Runs `middleware` once against a recording response and returns what it did. These policies are
 * all fixed strings (no per-request nonce, no directive computed from the request), so every
 * response gets the same steps; a middleware that reads the request, answers, or does not call
 * `next` at once is refused here, at start-up.
 */
function recordHeaderSteps(middleware: RequestHandler): readonly HeaderStep[] {
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      if (typeof value !== 'string') throw new Error(`security header ${name} is not a fixed string`);
      steps.push([name, value]);
      return recorder;
    },
    removeHeader: (name: string) => void steps.push([name, undefined]),
  };
  const request = new Proxy({} as Request, {
    get: (_target, property) => {
      throw new Error(`a security header depends on the request (${String(property)})`);
    },
  });
  let done = false;
  middleware(request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    done = true;
  });
  if (!done) throw new Error('the security headers middleware did not call next');
  return steps;
}

/** Sets the recorded steps on a response: one function instead of helmet's chain of thirteen per request. */
function applyHeaderSteps(res: Response, steps: readonly HeaderStep[]): void {
  for (const [name, value] of steps) {
    if (value === undefined) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

/**
 * helmet's headers on every response (GraphQL, health, metrics, the web app). In development
 * the GraphQL sandbox page loads Apollo's embeddable explorer from its CDN, so `/graphql`
 * goes without a content security policy there; production has no sandbox. helmet writes the
 * same fixed headers on every response, so its output is recorded once and replayed.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  const strict = recordHeaderSteps(helmet({ ...COMMON, contentSecurityPolicy: APP_POLICY }));
  if (options.production)
    return (_req: Request, res: Response, next: NextFunction) => {
      applyHeaderSteps(res, strict);
      next();
    };
  const sandbox = recordHeaderSteps(helmet({ ...COMMON, contentSecurityPolicy: false }));
  return (req: Request, res: Response, next: NextFunction) => {
    applyHeaderSteps(res, req.path === '/graphql' ? sandbox : strict);
    next();
  };
}
