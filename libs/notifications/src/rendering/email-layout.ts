/**
 * An email body as a list of blocks. Both the plain-text and the HTML version
 * are rendered from the same blocks, so they always say the same thing.
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'link'; label: string; url: string }
  /** Text someone wrote (an agenda, a summary): its line breaks are kept. */
  | { type: 'quote'; text: string };

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const heading = (text: string): Block => ({ type: 'heading', text });
export const list = (items: string[]): Block => ({ type: 'list', items });
export const link = (label: string, url: string): Block => ({ type: 'link', label, url });
export const quote = (text: string): Block => ({ type: 'quote', text });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only web links become anchors: a meeting URL is user input and could be `javascript:`. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

function lines(text: string): string[] {
  return text.trim().split(/\r\n|\r|\n/);
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'quote':
      return lines(block.text)
        .map((line) => `> ${line}`.trimEnd())
        .join('\n');
  }
}

export function renderText(body: Block[], footer: Block[]): string {
  const text = body.map(blockText).join('\n\n');
  return footer.length ? `${text}\n\n-- \n${footer.map(blockText).join('\n')}\n` : `${text}\n`;
}

const STYLE = {
  page: 'margin:0;padding:24px 12px;background:#f4f4f1;color:#1f2933;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5',
  card: 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px',
  heading: 'margin:24px 0 8px;font-size:17px',
  quote: 'margin:0 0 16px;padding:8px 16px;border-left:3px solid #c7d2dc;color:#3e4c59',
  button: 'display:inline-block;padding:10px 18px;background:#1f5f8b;color:#ffffff;border-radius:6px;text-decoration:none',
  footer: 'max-width:560px;margin:16px auto 0;color:#616e7c;font-size:13px',
};

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2 style="${STYLE.heading}">${escapeHtml(block.text)}</h2>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'link':
      return isWebUrl(block.url)
        ? `<p><a href="${escapeHtml(block.url)}" style="${STYLE.button}">${escapeHtml(block.label)}</a></p>`
        : `<p>${escapeHtml(block.label)}: ${escapeHtml(block.url)}</p>`;
    case 'quote':
      return `<blockquote style="${STYLE.quote}">${lines(block.text).map(escapeHtml).join('<br>')}</blockquote>`;
  }
}

function footerHtml(block: Block): string {
  if (block.type === 'link' && isWebUrl(block.url))
    return `<p><a href="${escapeHtml(block.url)}" style="color:#616e7c">${escapeHtml(block.label)}</a></p>`;
  return blockHtml(block);
}

export function renderHtml(title: string, body: Block[], footer: Block[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="${STYLE.page}">`,
    `<div style="${STYLE.card}">`,
    ...body.map(blockHtml),
    '</div>',
    ...(footer.length ? [`<div style="${STYLE.footer}">`, ...footer.map(footerHtml), '</div>'] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
