import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-step.css';

/**
 * The second step of a consequential action: what will happen, then "yes" or "not now". Its
 * heading takes focus when it opens so keyboard and screen-reader users hear the explanation first.
 */
export function ConfirmStep({
  title,
  children,
  confirmLabel,
  busyLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={`confirm-step${danger ? ' confirm-step-danger' : ''}`} role="group" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
      <div className="form-actions">
        <button type="button" className={danger ? 'button-danger' : undefined} disabled={busy} onClick={onConfirm}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onCancel}>
          Not now
        </button>
      </div>
    </div>
  );
}
