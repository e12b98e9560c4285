import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import './fields.css';

interface FieldChrome {
  label: string;
  hint?: ReactNode;
  error?: string;
}

function Chrome({ id, label, hint, error, children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The control's id (the caller's, e.g. to focus it, else a generated one) and its aria-describedby: the caller's ids, then the hint and error. */
function useControlIds(
  ownId: string | undefined,
  describedByIds: string | undefined,
  hint: unknown,
  error: unknown,
): { id: string; describedBy: string | undefined } {
  const generated = useId();
  const id = ownId ?? generated;
  const describedBy = [describedByIds ?? '', hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, describedBy };
}

/** A labelled input with its hint and error announced to screen readers. */
export function TextField({
  label,
  hint,
  error,
  id: ownId,
  'aria-describedby': extra,
  ...input
}: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
  const { id, describedBy } = useControlIds(ownId, extra, hint, error);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </Chrome>
  );
}

/** A web address (a meeting link): a URL keyboard and an https:// placeholder. */
export function UrlField(props: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'placeholder'>) {
  return <TextField type="url" inputMode="url" placeholder="https://" {...props} />;
}

export function TextAreaField({
  label,
  hint,
  error,
  id: ownId,
  'aria-describedby': extra,
  ...textarea
}: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, describedBy } = useControlIds(ownId, extra, hint, error);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
    </Chrome>
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  id: ownId,
  'aria-describedby': extra,
  ...select
}: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, describedBy } = useControlIds(ownId, extra, hint, error);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {children}
      </select>
    </Chrome>
  );
}

/** A checkbox with its label beside it and an optional description it is described by. */
export function CheckboxField({
  label,
  description,
  checked,
  onChange,
}: {
  label: string;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={description ? `${id}-description` : undefined}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {description ? (
          <p className="small muted" id={`${id}-description`}>
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
