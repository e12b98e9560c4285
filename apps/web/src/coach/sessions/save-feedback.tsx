import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorNotice, SuccessNotice } from '../../ui/status';

/** Success or failure of one save, announced to screen readers. */
export function SaveFeedback({ ok, error }: { ok?: string; error?: CombinedError }) {
  let content: ReactNode = null;
  if (error) content = <ErrorNotice error={error} />;
  else if (ok) content = <SuccessNotice>{ok}</SuccessNotice>;
  return (
    <div className="session-feedback" aria-live="polite">
      {content}
    </div>
  );
}
