import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Clock } from '#tandem/clock';
import { CheckInService, MAX_CHECK_IN_NOTE, Public, type CheckInRef, type RecordedCheckIn } from '#tandem/coaching';
import { AppConfig } from '#tandem/config';
import { escapeHtml } from '../rendering/email-layout.js';
import { page, sendPage } from '../rendering/link-page.js';
import { verifyCheckInToken, type CheckInClaims, type CheckInLinkAnswer } from './check-in-token.js';

export const ANSWER_LABELS: Record<CheckInLinkAnswer, string> = { ON_TRACK: 'On track', STUCK: 'Stuck', NEED_HELP: 'Need help' };

/**
 * The page behind the three answer links of a mid-cycle check-in email. The signed token is the
 * only credential; a GET shows what the link would record (with a field for a note) and changes
 * nothing; a POST records it, once: a second answer shows the first.
 */
@Public()
@Controller('check-in')
export class CheckInLinkController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Query('token') token: unknown, @Res() response: ServerResponse): Promise<void> {
    const claims = verifyCheckInToken(token, this.config.jwtSecret, this.clock.now());
    const existing = claims ? await this.checkIns.answerOf(refOf(claims)) : 'gone';
    if (!claims || existing === 'gone') return sendPage(response, 400, invalidPage());
    if (existing) return sendPage(response, 200, answeredPage(existing));
    sendPage(response, 200, confirmPage(claims.answer, token as string));
  }

  @Post()
  async record(@Query('token') token: unknown, @Body() body: unknown, @Res() response: ServerResponse): Promise<void> {
    const claims = verifyCheckInToken(token, this.config.jwtSecret, this.clock.now());
    if (!claims) return sendPage(response, 400, invalidPage());
    const note = (body as { note?: unknown } | undefined)?.note;
    const text = typeof note === 'string' ? note : null;
    if (text && text.trim().length > MAX_CHECK_IN_NOTE) {
      return sendPage(
        response,
        400,
        confirmPage(claims.answer, token as string, `Keep the note under ${MAX_CHECK_IN_NOTE} characters.`, text),
      );
    }
    const result = await this.checkIns.record(refOf(claims), claims.answer, text, this.clock.now());
    if (result === 'gone') return sendPage(response, 400, invalidPage());
    sendPage(response, 200, answeredPage(result));
  }
}

const refOf = (claims: CheckInClaims): CheckInRef => ({
  practiceId: claims.practiceId,
  engagementId: claims.engagementId,
  afterSessionId: claims.afterSessionId,
  dueDate: claims.dueDate,
});

function confirmPage(answer: CheckInLinkAnswer, token: string, error?: string, note = ''): string {
  const label = ANSWER_LABELS[answer];
  const errorBlock = error ? `<p id="note-error" class="error" role="alert">${escapeHtml(error)}</p>\n` : '';
  return page(
    'Check-in',
    `<h1>Your check-in: ${escapeHtml(label)}</h1>
<p>Send &ldquo;${escapeHtml(label)}&rdquo; to your coach?${answer === 'NEED_HELP' ? ' They hear about it at once.' : ''}</p>
<form method="post" action="?token=${encodeURIComponent(token)}">
<div style="flex-basis: 100%">
<label for="note">A note for your coach (optional)</label>
<textarea id="note" name="note" maxlength="${MAX_CHECK_IN_NOTE}"${error ? ' aria-invalid="true" aria-describedby="note-error"' : ''}>${escapeHtml(note)}</textarea>
</div>
${errorBlock}<button type="submit">Send: ${escapeHtml(label)}</button>
</form>
<p class="note">Nothing is sent until you press the button.</p>`,
  );
}

function answeredPage(answer: RecordedCheckIn): string {
  const label = ANSWER_LABELS[answer.answer];
  return page(
    'Check-in recorded',
    `<h1>${answer.recorded ? 'Thank you: your check-in is recorded' : 'Your check-in was already recorded'}</h1>
<p>Your answer: <strong>${escapeHtml(label)}</strong>.</p>
${answer.note ? `<p>Your note: ${escapeHtml(answer.note)}</p>\n` : ''}<p class="note">Your coach sees it on your page. To say more, reply on an action item or at your next session.</p>`,
  );
}

function invalidPage(): string {
  return page(
    'Invalid link',
    `<h1>This link does not work</h1>
<p>This check-in link is invalid or has expired. Nothing has been recorded.</p>`,
  );
}
