import type { CombinedError } from 'urql';
import { errorCode } from '../ui/errors';
import { EmptyState } from '../ui/status';

/** Shown to anyone but the owner, who alone manages the practice (the API answers FORBIDDEN). */
export function OwnerOnly() {
  return (
    <div role="status">
      <EmptyState title="Only the practice owner can see this">
        <p className="muted">
          The practice’s settings, coaches and audit trail are managed by its owner. Ask them if something here needs changing.
        </p>
      </EmptyState>
    </div>
  );
}

export function isForbidden(error: CombinedError | undefined): boolean {
  return errorCode(error) === 'FORBIDDEN';
}
