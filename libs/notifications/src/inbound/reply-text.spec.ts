import { replyText } from './reply-text.js';

describe('replyText', () => {
  it('keeps the new text above an "On … wrote:" quote', () => {
    expect(
      replyText('Thanks, see you Tuesday.\n\nOn Tue, 8 Dec 2026 at 10:14, Colin Coach <colin@example.com> wrote:\n> How did it go?\n'),
    ).toBe('Thanks, see you Tuesday.');
  });

  it('recognises a quote header wrapped over two lines', () => {
    expect(replyText('Done!\n\nOn Tue, 8 Dec 2026 at 10:14, Colin Coach\n<colin@example.com> wrote:\n\n> How did it go?')).toBe('Done!');
  });

  it('drops quoted lines and keeps the text between them', () => {
    expect(replyText('> Did you call Sam?\nYes, on Monday.\n> And the CV?\nSent it too.')).toBe('Yes, on Monday.\nSent it too.');
  });

  it('cuts a "-- " signature', () => {
    expect(replyText('Sounds good.\n\n-- \nAda Client\nHead of Product')).toBe('Sounds good.');
    expect(replyText('Sounds good.\n--\nAda')).toBe('Sounds good.');
  });

  it('cuts an Outlook header block', () => {
    expect(
      replyText(
        'I will be there.\r\n\r\nFrom: Tandem <no-reply@tandem.test>\r\nSent: Tuesday, December 8, 2026 10:14 AM\r\nTo: Ada\r\nSubject: New message',
      ),
    ).toBe('I will be there.');
    expect(replyText('Yes.\n\n-----Original Message-----\nFrom: Colin')).toBe('Yes.');
  });

  it('keeps lines that only look like headers', () => {
    expect(replyText('From: my manager, good news.\nOn Monday I start.')).toBe('From: my manager, good news.\nOn Monday I start.');
  });

  it('answers empty text for a reply with nothing new', () => {
    expect(replyText('\n\nOn Tue, 8 Dec 2026, Colin wrote:\n> Hello')).toBe('');
    expect(replyText('   \n-- \nAda')).toBe('');
  });
});
