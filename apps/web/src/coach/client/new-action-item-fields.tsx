import type { CombinedError } from 'urql';
import { errorField, errorMessage } from '../../ui/errors';
import { TextField } from '../../ui/fields';

/**
 * "Action item" and "Due on" with "Add action item", for the action-items tab and the session
 * editor; the form around them sends the mutation and shows an error that names no field.
 */
export function NewActionItemFields({
  title,
  dueDate,
  onTitle,
  onDueDate,
  error,
  fetching,
}: {
  title: string;
  dueDate: string;
  onTitle: (title: string) => void;
  onDueDate: (dueDate: string) => void;
  error: CombinedError | undefined;
  fetching: boolean;
}) {
  const field = errorField(error);
  return (
    <>
      <TextField
        label="Action item"
        value={title}
        onChange={(event) => onTitle(event.target.value)}
        required
        maxLength={200}
        error={field === 'title' ? errorMessage(error) : undefined}
      />
      <TextField
        label="Due on"
        type="date"
        value={dueDate}
        onChange={(event) => onDueDate(event.target.value)}
        error={field === 'dueDate' ? errorMessage(error) : undefined}
      />
      <div className="form-actions">
        <button type="submit" disabled={fetching || !title.trim()}>
          {fetching ? 'Adding…' : 'Add action item'}
        </button>
      </div>
    </>
  );
}
