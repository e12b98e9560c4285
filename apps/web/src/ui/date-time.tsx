import { useViewer } from '../auth/auth-context';
import { formatDate, formatDateTime } from '../time/format';

/** An instant shown in the viewer's zone, with the zone named; the exact UTC time on hover. */
export function DateTimeText({ value, zone, dateOnly = false }: { value: string; zone?: string; dateOnly?: boolean }) {
  const viewer = useViewer();
  const shownZone = zone ?? viewer.timeZone;
  return (
    <time dateTime={value} title={new Date(value).toUTCString()}>
      {dateOnly ? formatDate(value, shownZone) : formatDateTime(value, shownZone)}
    </time>
  );
}
