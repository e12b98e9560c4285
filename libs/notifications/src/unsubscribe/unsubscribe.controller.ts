import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Public } from '#tandem/coaching';
import type { NotificationKind } from '../notification.entity.js';
import { escapeHtml } from '../rendering/email-layout.js';
import { page, sendPage as send } from '../rendering/link-page.js';
import { UnsubscribeService, type UnsubscribeRequest } from './unsubscribe.service.js';

const KIND_LABELS: Partial<Record<NotificationKind, string>> = {
  SESSION_REMINDER: 'session reminders',
  SESSION_PREP: 'session preparation emails',
  SESSION_CANCELLED: 'session cancellation notices',
  ACCOUNTABILITY_NUDGE: 'action item and follow-up reminders',
  SESSION_SUMMARY: 'session summaries',
  COACH_DIGEST: 'weekly digests',
  NEW_MESSAGES: 'new message notices',
  MID_CYCLE_CHECK_IN: 'mid-cycle check-ins',
  CHECK_IN_NEEDS_HELP: 'alerts when a client asks for help',
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

function what(kind: NotificationKind | null): string {
  return kind ? (KIND_LABELS[kind] ?? kind) : EVERYTHING;
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
