/** Cursor paging for a Relay-style connection: keeps the cursors of the pages already seen. */
export function Pager({
  pageInfo,
  cursors,
  onChange,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  /** The `after` cursors of the pages before this one (empty on the first page). */
  cursors: string[];
  onChange: (cursors: string[]) => void;
}) {
  const page = cursors.length + 1;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button-secondary" disabled={page === 1} onClick={() => onChange(cursors.slice(0, -1))}>
        Previous
      </button>
      <span aria-live="polite">Page {page}</span>
      <button
        type="button"
        className="button-secondary"
        disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
        onClick={() => pageInfo.endCursor && onChange([...cursors, pageInfo.endCursor])}
      >
        Next
      </button>
    </nav>
  );
}
