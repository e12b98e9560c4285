import { useMemo, type ReactNode } from 'react';
import { timeZoneOptions } from '../../auth/time-zones';
import { formatDateTime } from '../../time/format';
import { SelectField, TextField } from '../../ui/fields';
import { FREQUENCIES, ORDINALS, WEEKDAYS, type CadenceForm, type EngagementField } from './engagement-form';
import './cadence-fields.css';

/**
 * The cadence inputs: frequency, the day of the month or an ordinal weekday, local time and zone.
 * Used by the new-engagement page and by "Change cadence" on the client's overview; the caller
 * holds the form and wraps the fields in its own fieldset.
 */
export function CadenceFields({
  form,
  onChange,
  error,
  client,
  idPrefix = 'cadence',
}: {
  form: CadenceForm;
  onChange: (patch: Partial<CadenceForm>) => void;
  error: (field: EngagementField) => string | undefined;
  client: { name: string; timeZone: string };
  /** Keeps the radio group names apart when two cadence forms are on one page. */
  idPrefix?: string;
}) {
  const zones = useMemo(() => {
    const all = timeZoneOptions();
    return [client.timeZone, ...all.filter((zone) => zone !== client.timeZone)];
  }, [client.timeZone]);
  const set =
    <K extends keyof CadenceForm>(key: K) =>
    (event: { target: { value: string } }) =>
      onChange({ [key]: event.target.value });

  return (
    <>
      <SelectField label="Cadence" value={form.frequency} onChange={set('frequency')} error={error('frequency')}>
        {FREQUENCIES.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </SelectField>
      {form.frequency === 'AD_HOC' ? (
        <p className="muted small">Ad hoc: no sessions are planned automatically; schedule each one from the client’s page.</p>
      ) : (
        <>
          <fieldset className="engagement-anchor">
            <legend>Session day</legend>
            <Radio
              name={`${idPrefix}-anchor`}
              checked={form.anchor === 'DAY_OF_MONTH'}
              onChange={() => onChange({ anchor: 'DAY_OF_MONTH' })}
            >
              A date (e.g. the 15th)
            </Radio>
            <Radio
              name={`${idPrefix}-anchor`}
              checked={form.anchor === 'ORDINAL_WEEKDAY'}
              onChange={() => onChange({ anchor: 'ORDINAL_WEEKDAY' })}
            >
              A weekday (e.g. the first Tuesday)
            </Radio>
            {form.anchor === 'DAY_OF_MONTH' ? (
              <TextField
                label="Day of month"
                type="number"
                inputMode="numeric"
                min={1}
                max={31}
                value={form.day}
                onChange={set('day')}
                error={error('day')}
                hint="29–31 fall on the last day of shorter months."
              />
            ) : (
              <div className="engagement-pair">
                <SelectField label="Week of the month" value={form.ordinal} onChange={set('ordinal')} error={error('ordinal')}>
                  {ORDINALS.map((o) => (
                    <option key={o.value} value={String(o.value)}>
                      {o.label}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Day of the week" value={form.weekday} onChange={set('weekday')} error={error('weekday')}>
                  {WEEKDAYS.map((w) => (
                    <option key={w.value} value={String(w.value)}>
                      {w.label}
                    </option>
                  ))}
                </SelectField>
              </div>
            )}
          </fieldset>
          <div className="engagement-pair">
            <TextField
              label="Local time"
              type="time"
              required
              value={form.localTime}
              onChange={set('localTime')}
              error={error('localTime')}
              hint="24-hour, in the zone below."
            />
            <SelectField
              label="Time zone"
              value={form.timeZone}
              onChange={set('timeZone')}
              error={error('timeZone')}
              hint={form.timeZone === client.timeZone ? `${client.name}’s zone.` : `${client.name}’s zone is ${client.timeZone}.`}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                  {zone === client.timeZone ? ' (client)' : ''}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      )}
    </>
  );
}

/** The previewed session instants, in the cadence zone and (when it differs) the viewer's. */
export function PreviewList({
  sessions,
  zone,
  viewerZone,
  labelledBy,
}: {
  sessions: Date[];
  zone: string;
  viewerZone: string;
  labelledBy: string;
}) {
  return (
    <ol className="engagement-preview-list" aria-labelledby={labelledBy}>
      {sessions.map((at) => {
        const iso = at.toISOString();
        return (
          <li key={iso}>
            <time dateTime={iso}>{formatDateTime(iso, zone)}</time>
            {viewerZone !== zone ? <span className="small muted"> · you: {formatDateTime(iso, viewerZone)}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Radio({ name, checked, onChange, children }: { name: string; checked: boolean; onChange: () => void; children: ReactNode }) {
  return (
    <label className="engagement-radio">
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      {children}
    </label>
  );
}
