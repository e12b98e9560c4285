import type { ServerResponse } from 'node:http';
import { escapeHtml } from './email-layout.js';

/** The small HTML pages behind signed links in emails (unsubscribe, check-in answers). */
export function sendPage(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The token is in the URL: keep it out of Referer headers and caches.
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  response.end(html);
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Tandem</title>
<style>
  body { margin: 0; padding: 2rem 1rem; background: #f4f4f1; color: #1f2933; font: 1rem/1.5 system-ui, sans-serif; }
  main { max-width: 32rem; margin: 0 auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  form { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1.5rem 0; }
  button { font: inherit; padding: 0.6rem 1.1rem; border-radius: 6px; border: 2px solid #1f5f8b; background: #1f5f8b; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1f5f8b; }
  button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
  .note { color: #52606d; font-size: 0.9rem; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  textarea { font: inherit; width: 100%; box-sizing: border-box; min-height: 6rem; padding: 0.5rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
