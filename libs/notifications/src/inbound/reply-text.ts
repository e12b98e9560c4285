/**
 * The new text of an email reply: what the person wrote above the quoted message. Cut at the
 * first line that starts what mail programs add below a reply (a quote header such as "On …
 * wrote:", an Outlook "From: … Sent: …" block or "-----Original Message-----", a "-- "
 * signature separator), with the quoted ("> ") lines dropped wherever they are; surrounding
 * blank lines trimmed. Pure: no I/O.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (startsQuotedPart(line, lines.slice(index + 1, index + 4))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line.trimEnd());
  }
  return kept
    .join('\n')
    .replace(/^\s*\n/, '')
    .trim();
}

/** Whether `line` (with the few lines after it) begins the quoted or signature part of a reply. */
function startsQuotedPart(line: string, next: string[]): boolean {
  // A signature: "-- " (RFC 3676), also when a mail program trimmed the space.
  if (/^--\s?$/.test(line)) return true;
  if (/^_{5,}\s*$/.test(line) || /^-{3,}\s*Original Message\s*-{3,}\s*$/i.test(line)) return true;
  // "On Tue, 8 Dec 2026 at 10:14, Ada <ada@example.com> wrote:", possibly wrapped over two or three lines.
  for (let extra = 0; extra <= 2 && /^\s*On\s/i.test(line); extra++) {
    if (/^\s*On\s.{0,300}\bwrote:\s*$/i.test([line, ...next.slice(0, extra)].join(' '))) return true;
  }
  // Outlook: "From: …" followed within a few lines by "Sent: …" (or "Date: …").
  if (/^\s*\*?From:\*?\s.+/i.test(line) && next.some((l) => /^\s*\*?(Sent|Date):\*?\s.+/i.test(l))) return true;
  return false;
}
