import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDate, formatDateTime, formatTime, zoneAbbreviation, zoneCity } from '../../time/format';
import { TextField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../../ui/status';
import { SESSION_STATUS } from '../client/labels';
import { calendarRange, dayOf, parseCalendarSearch, shiftRange, switchView, type CalendarDay, type CalendarView } from './calendar-range';
import { fromLocalInputValue, toLocalInputValue } from './local-input';
import { useSessionsInRange, type CalendarSession } from './use-sessions-in-range';
import './calendar-page.css';

const RescheduleSessionMutation = graphql(`
  mutation RescheduleSession($id: ID!, $startsAt: DateTime!) {
    rescheduleSession(id: $id, startsAt: $startsAt) {
      id
      startsAt
      status
      version
    }
  }
`);

const CancelSessionMutation = graphql(`
  mutation CancelSession($id: ID!) {
    cancelSession(id: $id) {
      id
      status
    }
  }
`);

type Action = { kind: 'reschedule' | 'cancel'; session: CalendarSession };

/** The coach's sessions for a week or a month, laid out in the viewer's zone; reschedule or cancel from here. */
export function CalendarPage() {
  const viewer = useViewer();
  const zone = viewer.timeZone;
  const [search, setSearch] = useSearchParams();
  const { view, date } = parseCalendarSearch(search, zone);
  const range = useMemo(() => calendarRange(view, date, zone), [view, date, zone]);
  const { sessions, error, fetching, reload } = useSessionsInRange(range.from, range.to);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarSession[]>();
    for (const session of sessions ?? []) {
      const day = dayOf(session.startsAt, zone);
      map.set(day, [...(map.get(day) ?? []), session]);
    }
    for (const list of map.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return map;
  }, [sessions, zone]);

  function go(next: { view?: CalendarView; date?: string | null }) {
    const params = new URLSearchParams(search);
    const nextView = next.view ?? view;
    params.set('view', nextView);
    if (next.date === null) params.delete('date');
    else params.set('date', next.date ?? date);
    setSearch(params);
    setAction(null);
    setNotice(null);
  }

  function changeView(nextView: CalendarView) {
    if (nextView === view) return;
    // Keep today in sight when it is in the range shown; otherwise the range's first day decides.
    const today = range.days.find((day) => day.isToday && day.inRange);
    go({ view: nextView, date: switchView(nextView, today?.date ?? date) });
  }

  function finish(message: string) {
    setAction(null);
    setNotice(message);
    reload();
  }

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const closeAction = () => {
    const id = action ? `session-${action.session.id}-${action.kind}` : null;
    setAction(null);
    if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
  };

  const count = sessions?.length ?? 0;

  return (
    <Page title="Calendar" subtitle="Your clients' sessions. Times are in your time zone; the client's own time is shown where it differs.">
      <div className="calendar-toolbar">
        <div role="group" aria-label="View" className="calendar-toggle">
          {(['week', 'month'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={option === view ? '' : 'button-secondary'}
              aria-pressed={option === view}
              onClick={() => changeView(option)}
            >
              {option === 'week' ? 'Week' : 'Month'}
            </button>
          ))}
        </div>
        <nav aria-label="Calendar range" className="calendar-nav">
          <button type="button" className="button-secondary" onClick={() => go({ date: shiftRange(view, date, -1) })}>
            Previous
          </button>
          <button type="button" className="button-secondary" onClick={() => go({ date: null })}>
            Today
          </button>
          <button type="button" className="button-secondary" onClick={() => go({ date: shiftRange(view, date, 1) })}>
            Next
          </button>
        </nav>
      </div>

      <h2 className="calendar-heading">
        {range.label}
        <span className="calendar-zone">{zoneHeading(range.from, range.to, zone)}</span>
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {fetching ? '' : `${range.label}: ${count === 1 ? '1 session' : `${count} sessions`}.`}
      </p>

      {notice ? (
        <div ref={noticeRef} tabIndex={-1}>
          <SuccessNotice>{notice}</SuccessNotice>
        </div>
      ) : null}

      {action?.kind === 'reschedule' ? (
        <ReschedulePanel session={action.session} zone={zone} onDone={finish} onClose={closeAction} />
      ) : null}
      {action?.kind === 'cancel' ? <CancelPanel session={action.session} zone={zone} onDone={finish} onClose={closeAction} /> : null}

      {error ? <ErrorNotice error={error} /> : null}
      {!sessions && !error ? <Loading label="Loading sessions…" /> : null}
      {sessions ? (
        <>
          {count === 0 ? (
            <EmptyState title={`No sessions ${view === 'week' ? 'this week' : 'this month'}`}>
              <p>Sessions appear here once an engagement is activated or a session is scheduled.</p>
            </EmptyState>
          ) : null}
          <ol className={`calendar-days calendar-${view}`} aria-label={`Days, ${range.label}`}>
            {range.days.map((day) =>
              day.inRange ? (
                <DayCell key={day.date} day={day} sessions={byDay.get(day.date) ?? []} zone={zone} onAction={setAction} />
              ) : (
                <li key={day.date} className="calendar-day calendar-day-outside" aria-hidden="true">
                  <span className="calendar-day-number">{Number(day.date.slice(8))}</span>
                </li>
              ),
            )}
          </ol>
        </>
      ) : null}
    </Page>
  );
}

/** "Times in London (GMT)", or "(GMT, then BST)" when the clocks change within the range. */
function zoneHeading(from: string, to: string, zone: string): string {
  const first = zoneAbbreviation(from, zone);
  const last = zoneAbbreviation(new Date(new Date(to).getTime() - 1).toISOString(), zone);
  return `Times in ${zoneCity(zone)} (${first === last ? first : `${first}, then ${last}`})`;
}

function DayCell({
  day,
  sessions,
  zone,
  onAction,
}: {
  day: CalendarDay;
  sessions: CalendarSession[];
  zone: string;
  onAction: (action: Action) => void;
}) {
  const label = formatDate(day.from, zone).replace(/ \d{4}$/, '');
  return (
    <li
      className={`calendar-day${sessions.length === 0 ? ' calendar-day-empty' : ''}${day.isToday ? ' calendar-day-today' : ''}`}
      aria-current={day.isToday ? 'date' : undefined}
    >
      <h3 className="calendar-day-title">
        {label}
        {day.isToday ? <span className="badge">Today</span> : null}
      </h3>
      {sessions.length === 0 ? (
        <p className="small muted calendar-none">No sessions</p>
      ) : (
        <ul className="calendar-sessions">
          {sessions.map((session) => (
            <SessionItem key={session.id} session={session} zone={zone} onAction={onAction} />
          ))}
        </ul>
      )}
    </li>
  );
}

function SessionItem({ session, zone, onAction }: { session: CalendarSession; zone: string; onAction: (action: Action) => void }) {
  const status = SESSION_STATUS[session.status] ?? { label: session.status, badge: 'badge badge-muted' };
  const clientName = session.client?.name ?? 'Client';
  const clientZone = session.client?.timeZone ?? session.timeZone;
  const when = formatDateTime(session.startsAt, zone);
  const differs = formatTime(session.startsAt, clientZone) !== formatTime(session.startsAt, zone);
  return (
    <li className={`calendar-session calendar-session-${session.status.toLowerCase()}`}>
      <Link to={`/sessions/${session.id}`} className="calendar-session-link">
        <span className="calendar-session-time">{formatTime(session.startsAt, zone)}</span>{' '}
        <span className="calendar-session-client">{clientName}</span>
      </Link>
      <span className={status.badge}>{status.label}</span>
      {differs ? <span className="small muted calendar-client-time">{formatTime(session.startsAt, clientZone)} for the client</span> : null}
      {session.status === 'SCHEDULED' ? (
        <span className="calendar-session-actions">
          <button
            id={`session-${session.id}-reschedule`}
            type="button"
            className="button-link small"
            aria-label={`Reschedule: ${clientName}, ${when}`}
            onClick={() => onAction({ kind: 'reschedule', session })}
          >
            Reschedule
          </button>
          <button
            id={`session-${session.id}-cancel`}
            type="button"
            className="button-link small"
            aria-label={`Cancel: ${clientName}, ${when}`}
            onClick={() => onAction({ kind: 'cancel', session })}
          >
            Cancel
          </button>
        </span>
      ) : null}
    </li>
  );
}

function usePanelFocus(onClose: () => void) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const onKeyDown = (event: { key: string }) => {
    if (event.key === 'Escape') onClose();
  };
  return { heading, onKeyDown };
}

function ReschedulePanel({
  session,
  zone,
  onDone,
  onClose,
}: {
  session: CalendarSession;
  zone: string;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(() => toLocalInputValue(session.startsAt, zone));
  const [problem, setProblem] = useState<string | undefined>();
  const [result, reschedule] = useMutation(RescheduleSessionMutation);
  const { heading, onKeyDown } = usePanelFocus(onClose);
  const clientName = session.client?.name ?? 'the client';
  const clientZone = session.client?.timeZone ?? session.timeZone;
  const instant = value ? fromLocalInputValue(value, zone) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!instant) {
      setProblem('Choose a date and a time.');
      return;
    }
    if (new Date(instant).getTime() === new Date(session.startsAt).getTime()) {
      setProblem('That is the current time; choose another.');
      return;
    }
    setProblem(undefined);
    const response = await reschedule({ id: session.id, startsAt: instant });
    if (!response.error && response.data)
      onDone(`The session with ${clientName} now starts ${formatDateTime(response.data.rescheduleSession.startsAt, zone)}.`);
  }

  return (
    <section className="card calendar-panel" aria-labelledby={`reschedule-${session.id}`} onKeyDown={onKeyDown}>
      <h2 id={`reschedule-${session.id}`} ref={heading} tabIndex={-1}>
        Reschedule the session with {clientName}
      </h2>
      <p className="muted">Now: {formatDateTime(session.startsAt, zone)}</p>
      <form onSubmit={(event) => void submit(event)} noValidate className="form-narrow">
        <ErrorNotice error={result.error} />
        <TextField
          label="New date and time"
          type="datetime-local"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={problem}
          hint={
            <span aria-live="polite">
              In your zone, {zoneCity(zone)}.{' '}
              {instant ? (
                <>
                  For {clientName}: <strong>{formatDateTime(instant, clientZone)}</strong>
                  {clientZone !== zone ? ` (${zoneCity(clientZone)})` : ''}.
                </>
              ) : null}
            </span>
          }
        />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Moving…' : 'Move session'}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            Keep current time
          </button>
        </div>
      </form>
    </section>
  );
}

function CancelPanel({
  session,
  zone,
  onDone,
  onClose,
}: {
  session: CalendarSession;
  zone: string;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const [result, cancel] = useMutation(CancelSessionMutation);
  const { heading, onKeyDown } = usePanelFocus(onClose);
  const clientName = session.client?.name ?? 'the client';
  const when = formatDateTime(session.startsAt, zone);

  async function confirm() {
    const response = await cancel({ id: session.id });
    if (!response.error && response.data) onDone(`The session with ${clientName} on ${when} is cancelled.`);
  }

  return (
    <section className="card calendar-panel" aria-labelledby={`cancel-${session.id}`} onKeyDown={onKeyDown}>
      <h2 id={`cancel-${session.id}`} ref={heading} tabIndex={-1}>
        Cancel the session with {clientName}?
      </h2>
      <p>{when}. A cancelled session stays in the history; the other sessions keep their times.</p>
      <ErrorNotice error={result.error} />
      <div className="form-actions">
        <button type="button" className="button-danger" disabled={result.fetching} onClick={() => void confirm()}>
          {result.fetching ? 'Cancelling…' : 'Cancel session'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Keep session
        </button>
      </div>
    </section>
  );
}
