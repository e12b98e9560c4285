import { SelectField, TextField } from '../../ui/fields';

type ProfileField = 'timeZone' | 'currentRole' | 'targetRole' | 'tags';

interface ProfileFieldProps {
  form: Record<ProfileField, string>;
  onChange: (key: ProfileField) => (event: { target: { value: string } }) => void;
  fieldError: (key: ProfileField) => string | undefined;
}

/** The client's IANA zone, for the new-client and edit-client forms; `zones` lists the current one first. */
export function ClientTimeZoneField({ form, onChange, fieldError, zones }: ProfileFieldProps & { zones: readonly string[] }) {
  return (
    <SelectField
      label="Time zone"
      hint="Sessions are planned in the client’s zone."
      value={form.timeZone}
      onChange={onChange('timeZone')}
      error={fieldError('timeZone')}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </SelectField>
  );
}

/** Current role, target role and tags: the optional part of a client's profile, the same when adding and editing. */
export function ClientRoleAndTagFields({ form, onChange, fieldError }: ProfileFieldProps) {
  return (
    <>
      <TextField
        label="Current role (optional)"
        value={form.currentRole}
        onChange={onChange('currentRole')}
        error={fieldError('currentRole')}
      />
      <TextField
        label="Target role (optional)"
        value={form.targetRole}
        onChange={onChange('targetRole')}
        error={fieldError('targetRole')}
      />
      <TextField
        label="Tags (optional)"
        hint="Separate tags with commas, e.g. leadership, career change."
        value={form.tags}
        onChange={onChange('tags')}
        error={fieldError('tags')}
      />
    </>
  );
}
