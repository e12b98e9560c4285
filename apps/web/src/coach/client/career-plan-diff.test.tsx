import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeChange, diffLines, diffStats, DiffColumn, splitLines } from './career-plan-diff';

const show = (before: string, after: string) =>
  diffLines(before, after).map((line) => `${line.kind === 'same' ? ' ' : line.kind === 'added' ? '+' : '-'}${line.text}`);

describe('diffLines', () => {
  it('keeps equal texts whole', () => {
    expect(show('a\nb', 'a\nb')).toEqual([' a', ' b']);
    expect(show('', '')).toEqual([]);
  });

  it('marks lines added to or removed from an empty text', () => {
    expect(show('', 'one\ntwo')).toEqual(['+one', '+two']);
    expect(show('one\ntwo', '')).toEqual(['-one', '-two']);
  });

  it('finds the longest common run of lines and marks the rest', () => {
    expect(show('a\nb\nc\nd', 'a\nc\nd\ne')).toEqual([' a', '-b', ' c', ' d', '+e']);
    expect(show('x\na\ny\nb', 'a\nz\nb')).toEqual(['-x', ' a', '-y', '+z', ' b']);
  });

  it('shows a changed line as removed then added', () => {
    expect(show('Network twice a month\nUpdate CV', 'Network weekly\nUpdate CV')).toEqual([
      '-Network twice a month',
      '+Network weekly',
      ' Update CV',
    ]);
  });

  it('keeps repeated lines in order', () => {
    expect(show('a\na\nb', 'a\nb\na\nb')).toEqual([' a', '+b', ' a', ' b']);
    const result = diffLines('1\n2\n3\n2\n1', '3\n2\n1\n2\n3');
    expect(result.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(['1', '2', '3', '2', '1']);
    expect(result.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(['3', '2', '1', '2', '3']);
    expect(diffStats(result)).toEqual({ added: 2, removed: 2 });
  });

  it('treats Windows line endings like Unix ones', () => {
    expect(splitLines('a\r\nb\rc')).toEqual(['a', 'b', 'c']);
    expect(show('a\r\nb', 'a\nb')).toEqual([' a', ' b']);
  });
});

describe('describeChange', () => {
  it('reads naturally', () => {
    expect(describeChange({ added: 0, removed: 0 })).toBe('No changes');
    expect(describeChange({ added: 1, removed: 0 })).toBe('1 line added');
    expect(describeChange({ added: 0, removed: 3 })).toBe('3 lines removed');
    expect(describeChange({ added: 2, removed: 1 })).toBe('2 lines added, 1 removed');
  });
});

describe('DiffColumn', () => {
  it('marks changes in words, not only colour', () => {
    const lines = diffLines('keep\nold', 'keep\nnew');
    const { container } = render(
      <>
        <DiffColumn lines={lines} side="before" label="Revision 1" />
        <DiffColumn lines={lines} side="after" label="Revision 2" />
      </>,
    );
    expect(container.querySelector('del')).toHaveTextContent('removed: old');
    expect(container.querySelector('ins')).toHaveTextContent('added: new');
    expect(screen.getAllByText('keep')).toHaveLength(2);
  });
});
