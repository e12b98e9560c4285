import { describe, expect, it } from 'vitest';
import { readRosterState, rosterVariables, writeRosterState } from './roster-state';

describe('roster URL state', () => {
  it('reads search, status, tag and sort from the query string, ignoring what it does not know', () => {
    expect(readRosterState(new URLSearchParams('q=%20ann%20&status=ACTIVE&tag=Exec&sort=NEXT_SESSION'))).toEqual({
      search: 'ann',
      status: 'ACTIVE',
      tag: 'exec',
      order: 'NEXT_SESSION',
      archived: false,
    });
    expect(readRosterState(new URLSearchParams('status=SLEEPING&sort=SHOE_SIZE'))).toEqual({
      search: '',
      status: '',
      tag: '',
      order: 'NAME',
      archived: false,
    });
  });

  it('writes only what differs from the defaults, so the plain roster stays /clients', () => {
    expect(writeRosterState({ search: '', status: '', tag: '', order: 'NAME', archived: false }).toString()).toBe('');
    expect(writeRosterState({ search: 'ann lee', status: 'PAUSED', tag: 'exec', order: 'RECENTLY_ADDED', archived: true }).toString()).toBe(
      'q=ann+lee&status=PAUSED&tag=exec&sort=RECENTLY_ADDED&archived=1',
    );
    expect(readRosterState(new URLSearchParams('archived=1')).archived).toBe(true);
  });

  it('turns the state and the page cursor into the query variables', () => {
    expect(rosterVariables({ search: '', status: '', tag: '', order: 'NAME', archived: false }, null)).toEqual({
      first: 25,
      after: null,
      orderBy: 'NAME',
      filter: null,
    });
    expect(rosterVariables({ search: 'ann', status: 'ACTIVE', tag: 'exec', order: 'NAME_DESC', archived: true }, 'cursor-2')).toEqual({
      first: 25,
      after: 'cursor-2',
      orderBy: 'NAME_DESC',
      filter: { search: 'ann', status: 'ACTIVE', tag: 'exec', includeArchived: true },
    });
  });
});
