import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Public } from '#tandem/coaching';
import type { NotificationKind } from '../notification.entity.js';
import { escapeHtml } from '../rendering/email-layout.js';
import { UnsubscribeService, type UnsubscribeRequest } from './unsubscribe.service.js';

const KIND_LABELS: Partial<Record<NotificationKind, string>> = {
  SESSION_REMINDER: 'session reminders',
  SESSION_PREP: 'session preparation emails',
  SESSION_CANCELLED: 'session cancellation notices',
  ACCOUNTABILITY_NUDGE: 'action item and follow-up reminders',
  SESSION_SUMMARY: 'session summaries',
  COACH_DIGEST: 'weekly digests',
  NEW_MESSAGES: 'new message notices',
};
const EVERYTHING = 'all Tandem emails except sign-in links';

/**
 * The page behind the unsubscribe link of every non-transactional email, and
 * RFC 8058 one-click unsubscribe (a POST to the same URL). The signed token is
 * the only credential; a GET never changes anything.
 */
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  async show(@Query('token') token: unknown, @Res() response: ServerResponse): Promise<void> {
    const request = await this.unsubscribe.resolve(token, new Date());
    if (!request) return send(response, 400, invalidPage());
    send(response, 200, confirmPage(request, token as string));
  }

  /** One-click clients post `List-Unsubscribe=One-Click` (the token's kind); the page posts `scope=kind|all`. */
  @Post()
  async apply(@Query('token') token: unknown, @Body() body: unknown, @Res() response: ServerResponse): Promise<void> {
    const request = await this.unsubscribe.resolve(token, new Date());
    const scope = (body as { scope?: unknown } | undefined)?.scope === 'all' ? 'all' : 'kind';
    if (!request || !(await this.unsubscribe.unsubscribe(request, scope))) return send(response, 400, invalidPage());
    send(response, 200, donePage(request, scope === 'all' ? null : request.kind, token as string));
  }
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The token is in the URL: keep it out of Referer headers and caches.
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  response.end(html);
}

function what(kind: NotificationKind | null): string {
  return kind ? (KIND_LABELS[kind] ?? kind) : EVERYTHING;
}

function page(title: string, body: string): string {
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

/** One form, one button per choice: the button's name/value says which. */
function form(token: string, buttons: Array<{ scope: 'kind' | 'all'; label: string; secondary?: boolean }>): string {
  const items = buttons.map(
    (button) =>
      `<button type="submit" name="scope" value="${button.scope}"${button.secondary ? ' class="secondary"' : ''}>${escapeHtml(button.label)}</button>`,
  );
  return `<form method="post" action="?token=${encodeURIComponent(token)}">\n${items.join('\n')}\n</form>`;
}

function confirmPage(request: UnsubscribeRequest, token: string): string {
  const email = `<strong>${escapeHtml(request.email)}</strong>`;
  const buttons: Parameters<typeof form>[1] = request.kind
    ? [
        { scope: 'kind', label: `Unsubscribe from ${what(request.kind)}` },
        { scope: 'all', label: 'Unsubscribe from all Tandem emails', secondary: true },
      ]
    : [{ scope: 'all', label: 'Unsubscribe from all Tandem emails' }];
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1>
<p>Stop ${escapeHtml(what(request.kind))} to ${email}?</p>
${request.kind ? `<p>Or stop ${escapeHtml(EVERYTHING)}.</p>\n` : ''}${form(token, buttons)}
<p class="note">Sign-in links, invitations and password resets always reach you. Nothing changes until you press a button.</p>`,
  );
}

function donePage(request: UnsubscribeRequest, stopped: NotificationKind | null, token: string): string {
  return page(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1>
<p>${escapeHtml(request.email)} will no longer receive ${escapeHtml(what(stopped))}.</p>
${stopped ? `${form(token, [{ scope: 'all', label: 'Also unsubscribe from all Tandem emails', secondary: true }])}\n` : ''}<p class="note">Sign-in links, invitations and password resets still reach you.</p>`,
  );
}

function invalidPage(): string {
  return page(
    'Invalid link',
    `<h1>This link does not work</h1>
<p>This unsubscribe link is invalid or has expired. Nothing has been changed.</p>
<p>Use the unsubscribe link in a more recent email from Tandem, or change your email preferences after signing in.</p>`,
  );
}
