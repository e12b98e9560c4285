import { UNSAFE_createMemoryHistory } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { guardHistory, type MayLeave } from './guarded-history';

function aGuardedHistory(mayLeave: MayLeave | null) {
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: ['/a'], v5Compat: true }));
  history.setMayLeave(mayLeave);
  const shown: string[] = [];
  history.listen(({ location }) => shown.push(location.pathname));
  return { history, shown };
}

describe('guardHistory', () => {
  it('lets every navigation through without a check', () => {
    const { history, shown } = aGuardedHistory(null);
    history.push('/b');
    history.replace('/c');
    history.go(-1);
    expect(shown).toEqual(['/b', '/c', '/a']);
  });

  it('asks with the shown and the next path, and holds back a refused push or replace', () => {
    const mayLeave = vi.fn<MayLeave>().mockReturnValue(false);
    const { history, shown } = aGuardedHistory(mayLeave);
    history.push('/b?tab=notes');
    history.replace('/c');
    expect(mayLeave.mock.calls.map(([from, to]) => [from.pathname, to.pathname, to.search])).toEqual([
      ['/a', '/b', '?tab=notes'],
      ['/a', '/c', ''],
    ]);
    expect(shown).toEqual([]);
    expect(history.location.pathname).toBe('/a');
  });

  it('undoes a refused back without telling the router, and lets an allowed one through', () => {
    let allow = true;
    const { history, shown } = aGuardedHistory(() => allow);
    history.push('/b');
    allow = false;
    history.go(-1);
    expect(history.location.pathname).toBe('/b');
    expect(shown).toEqual(['/b']);
    allow = true;
    history.go(-1);
    expect(history.location.pathname).toBe('/a');
    expect(shown).toEqual(['/b', '/a']);
  });

  it('compares a back with the page the router shows, not the entry the history already moved to', () => {
    const mayLeave = vi.fn<MayLeave>().mockReturnValue(true);
    const { history } = aGuardedHistory(null);
    history.push('/b');
    history.setMayLeave(mayLeave);
    history.go(-1);
    expect(mayLeave).toHaveBeenCalledWith(expect.objectContaining({ pathname: '/b' }), expect.objectContaining({ pathname: '/a' }));
  });
});
