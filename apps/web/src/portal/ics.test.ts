import { describe, expect, it } from 'vitest';
import { foldLine, icsText, icsUtc, sessionIcs } from './ics';

const event = {
  sessionId: 'abc-123',
  version: 2,
  startsAt: '2026-03-03T09:00:00.000Z',
  durationMinutes: 45,
  summary: 'Coaching session with Ada Coach',
  description: 'Agenda: stories, questions; salary\nBring notes',
  meetingUrl: 'https://meet.example.com/abc',
  host: 'tandem.example.com',
  stamp: new Date('2026-03-01T12:34:56.789Z'),
};

/** Unfolds continuation lines (CRLF + space) back into content lines. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
}

describe('sessionIcs', () => {
  it('writes one VEVENT with a stable UID, the version as SEQUENCE and UTC start and end', () => {
    const lines = unfold(sessionIcs(event));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:session-abc-123@tandem.example.com');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20260301T123456Z');
    expect(lines).toContain('DTSTART:20260303T090000Z');
    expect(lines).toContain('DTEND:20260303T094500Z');
    expect(lines).toContain('SUMMARY:Coaching session with Ada Coach');
    expect(lines).toContain('LOCATION:https://meet.example.com/abc');
    expect(lines).toContain('URL;VALUE=URI:https://meet.example.com/abc');
  });

  it('escapes text values and never leaves a bare line break inside a value', () => {
    const ics = sessionIcs(event);
    expect(unfold(ics)).toContain('DESCRIPTION:Agenda: stories\\, questions\\; salary\\nBring notes');
    // Every line ends with CRLF; no lone LF or CR anywhere.
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('leaves out the location and description when there are none', () => {
    const lines = unfold(sessionIcs({ ...event, meetingUrl: null, description: null }));
    expect(lines.some((l) => l.startsWith('LOCATION') || l.startsWith('URL') || l.startsWith('DESCRIPTION'))).toBe(false);
  });

  it('folds long lines at 75 octets of UTF-8 without splitting a character', () => {
    const long = sessionIcs({ ...event, description: 'Über '.repeat(40) + '🎯 done' });
    const encoder = new TextEncoder();
    for (const physical of long.split('\r\n')) expect(encoder.encode(physical).length).toBeLessThanOrEqual(75);
    expect(unfold(long)).toContain(`DESCRIPTION:${'Über '.repeat(40)}🎯 done`);
  });
});

describe('ics helpers', () => {
  it('formats instants in UTC without fractions', () => {
    expect(icsUtc(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });

  it('escapes backslashes first so escapes are not doubled', () => {
    expect(icsText('a\\b,c;d\r\ne')).toBe('a\\\\b\\,c\\;d\\ne');
  });

  it('does not fold a line of exactly 75 octets and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });
});
