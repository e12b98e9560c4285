/** One line of a line-level comparison: kept, only in the older text, or only in the newer one. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Above this many cells the table would cost too much; the whole block is shown as replaced instead. */
const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * The lines of `before` and `after` in order, marked kept, removed or added: a longest common
 * subsequence over lines (after the shared head and tail are set aside). Where both sides
 * changed, the removed lines come before the added ones.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;

  const same = (text: string): DiffLine => ({ kind: 'same', text });
  const start = a.slice(0, head).map(same);
  const end = a.slice(a.length - tail).map(same);
  const left = a.slice(head, a.length - tail);
  const right = b.slice(head, b.length - tail);
  return [...start, ...diffMiddle(left, right), ...end];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ kind: 'added', text }));
  if (m === 0) return a.map((text) => ({ kind: 'removed', text }));
  if (n * m > MAX_CELLS)
    return [...a.map((text): DiffLine => ({ kind: 'removed', text })), ...b.map((text): DiffLine => ({ kind: 'added', text }))];

  // lcs[i * (m + 1) + j] = length of the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }

  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      out.push({ kind: 'removed', text: a[i] });
      i += 1;
    } else {
      out.push({ kind: 'added', text: b[j] });
      j += 1;
    }
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++] });
  while (j < m) out.push({ kind: 'added', text: b[j++] });
  return out;
}

/** Counts for a short description such as "2 lines added, 1 removed". */
export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'added') added += 1;
    else if (line.kind === 'removed') removed += 1;
  }
  return { added, removed };
}

export function describeChange({ added, removed }: { added: number; removed: number }): string {
  if (added === 0 && removed === 0) return 'No changes';
  const plural = (count: number, word: string) => `${count} ${count === 1 ? 'line' : 'lines'} ${word}`;
  if (removed === 0) return plural(added, 'added');
  if (added === 0) return plural(removed, 'removed');
  return `${plural(added, 'added')}, ${removed} removed`;
}

/**
 * One side of a side-by-side comparison: the older side shows kept and removed lines, the newer
 * side kept and added ones. Changes are marked in text too (visible +/− and a hidden word), not
 * by colour alone.
 */
export function DiffColumn({ lines, side, label }: { lines: DiffLine[]; side: 'before' | 'after'; label: string }) {
  const shown = lines.filter((line) => line.kind === 'same' || line.kind === (side === 'before' ? 'removed' : 'added'));
  return (
    <div className={`plan-diff-column plan-diff-${side}`}>
      <p className="plan-diff-label small muted">{label}</p>
      {shown.length === 0 ? (
        <p className="muted small">Empty</p>
      ) : (
        <div className="plan-diff-lines">
          {shown.map((line, index) => {
            if (line.kind !== 'same') {
              const Changed = line.kind === 'removed' ? 'del' : 'ins';
              return (
                <Changed key={index} className={`plan-diff-line plan-diff-${line.kind}`}>
                  <span className="plan-diff-marker" aria-hidden="true">
                    {line.kind === 'removed' ? '−' : '+'}
                  </span>
                  <span className="visually-hidden">{line.kind}: </span>
                  {line.text || '\u00a0'}
                </Changed>
              );
            }
            return (
              <span key={index} className="plan-diff-line">
                <span className="plan-diff-marker" aria-hidden="true">
                  {' '}
                </span>
                {line.text || '\u00a0'}
              </span>
            );
          })}
        </div>
      )}
    </div>
  );
}
