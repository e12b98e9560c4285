import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { joinUrlOf } from '../../scheduling/meeting-link';
import { formatDateTime } from '../../time/format';
import { DateTimeText } from '../../ui/date-time';
import { errorCode, errorField, errorMessage } from '../../ui/errors';
import { TextAreaField, UrlField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { EmptyState, QueryState } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { SESSION_STATUS } from '../client/labels';
import { SaveFeedback } from './save-feedback';
import { SessionActionItems } from './session-action-items';
import {
  CompleteSessionMutation,
  NoShowSessionMutation,
  PublishSummaryMutation,
  SaveAgendaMutation,
  SaveMeetingLinkMutation,
  SessionEditorQuery,
  WritePrivateNotesMutation,
  type EditorSession,
} from './session-editor.graphql';
import './session-editor-page.css';

/** The coach's editor for one session: agenda, private notes, the shared summary, status and action items. */
export function SessionEditorPage() {
  const { sessionId = '' } = useParams();
  const [result, refetch] = useQuery({ query: SessionEditorQuery, variables: { id: sessionId } });
  if (errorCode(result.error) === 'NOT_FOUND') {
    return (
      <Page title="Session not found">
        <EmptyState title="This session is not in your practice">
          <Link to="/clients">Back to clients</Link>
        </EmptyState>
      </Page>
    );
  }
  return (
    <QueryState result={result}>
      {({ session }) => <SessionEditor session={session} reload={() => refetch({ requestPolicy: 'network-only' })} />}
    </QueryState>
  );
}

function SessionEditor({ session, reload }: { session: EditorSession; reload: () => void }) {
  const viewer = useViewer();
  const clientName = session.client?.name ?? 'Client';
  const clientZone = session.client?.timeZone ?? session.timeZone;
  const status = SESSION_STATUS[session.status] ?? { label: session.status, badge: 'badge' };

  const [agenda, setAgenda] = useState(session.agenda ?? '');
  const [notes, setNotes] = useState(session.privateNotes ?? '');
  const [summary, setSummary] = useState(session.sharedSummary ?? '');
  const [meetingUrl, setMeetingUrl] = useState(session.meetingUrl ?? '');
  const [saved, setSaved] = useState({
    agenda: session.agenda ?? '',
    notes: session.privateNotes ?? '',
    summary: session.sharedSummary ?? '',
    meetingUrl: session.meetingUrl ?? '',
  });
  const dirty = agenda !== saved.agenda || notes !== saved.notes || summary !== saved.summary || meetingUrl.trim() !== saved.meetingUrl;
  useUnsavedChanges(dirty);

  const [agendaState, saveAgenda] = useMutation(SaveAgendaMutation);
  const [linkState, saveLink] = useMutation(SaveMeetingLinkMutation);
  const [notesState, writeNotes] = useMutation(WritePrivateNotesMutation);
  const [summaryState, publish] = useMutation(PublishSummaryMutation);
  const [completeState, complete] = useMutation(CompleteSessionMutation);
  const [noShowState, noShow] = useMutation(NoShowSessionMutation);
  const [done, setDone] = useState<{ agenda?: string; link?: string; notes?: string; summary?: string; status?: string }>({});

  const onAgenda = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await saveAgenda({ id: session.id, agenda });
    if (!answer.error) {
      setSaved((s) => ({ ...s, agenda }));
      setDone((d) => ({ ...d, agenda: 'Agenda saved.' }));
    }
  };
  const onLink = async (event: FormEvent) => {
    event.preventDefault();
    const link = meetingUrl.trim();
    const answer = await saveLink({ id: session.id, meetingUrl: link || null });
    if (!answer.error) {
      setSaved((s) => ({ ...s, meetingUrl: link }));
      setDone((d) => ({ ...d, link: link ? 'Meeting link saved.' : 'Meeting link removed.' }));
    }
  };
  const onNotes = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await writeNotes({ id: session.id, notes });
    if (!answer.error) {
      setSaved((s) => ({ ...s, notes }));
      setDone((d) => ({ ...d, notes: 'Private notes saved.' }));
    }
  };
  const onPublish = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await publish({ id: session.id, summary });
    if (!answer.error) {
      setSaved((s) => ({ ...s, summary }));
      setDone((d) => ({ ...d, summary: `Summary published: ${clientName} can read it now.` }));
    }
  };
  const onStatus = async (action: (variables: { id: string }) => Promise<{ error?: CombinedError }>, message: string) => {
    const answer = await action({ id: session.id });
    if (!answer.error) {
      setDone((d) => ({ ...d, status: message }));
      reload();
    }
  };

  // A session without its own link uses the engagement's.
  const joinUrl = joinUrlOf({ meetingUrl: saved.meetingUrl, engagement: session.engagement });
  const linkError = errorField(linkState.error) === 'meetingUrl' ? errorMessage(linkState.error) : undefined;
  const inViewerZone = formatDateTime(session.startsAt, viewer.timeZone);
  const inClientZone = formatDateTime(session.startsAt, clientZone);

  return (
    <Page
      title={`Session with ${clientName}`}
      subtitle={
        <span className="session-header">
          {session.client ? <Link to={`/clients/${session.client.id}/sessions`}>{clientName}</Link> : null}
          {session.engagement ? <span>{session.engagement.title}</span> : null}
          <span className={status.badge}>{status.label}</span>
        </span>
      }
    >
      <section className="card session-when" aria-label="When">
        <p className="session-time">
          <time dateTime={session.startsAt}>{inViewerZone}</time>
          <span className="muted"> · {session.durationMinutes} minutes</span>
        </p>
        {inClientZone !== inViewerZone && clientZone !== viewer.timeZone ? (
          <p className="muted small">
            For {clientName}: {inClientZone} ({clientZone.replace(/_/g, ' ')})
          </p>
        ) : null}
        {joinUrl ? (
          <p className="small">
            <a href={joinUrl} target="_blank" rel="noreferrer">
              Join the meeting
            </a>
          </p>
        ) : null}
        {session.status === 'SCHEDULED' ? (
          <div className="form-actions">
            <button type="button" disabled={completeState.fetching} onClick={() => void onStatus(complete, 'Session marked completed.')}>
              Mark completed
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={noShowState.fetching}
              onClick={() => void onStatus(noShow, 'Session marked as a no-show.')}
            >
              Mark no-show
            </button>
          </div>
        ) : session.completedAt ? (
          <p className="muted small">
            {status.label} <DateTimeText value={session.completedAt} />
          </p>
        ) : null}
        <SaveFeedback ok={done.status} error={completeState.error ?? noShowState.error} />
      </section>

      <form className="card" onSubmit={(event) => void onAgenda(event)}>
        <h2 id="agenda-heading">Agenda</h2>
        <TextAreaField
          label="Agenda"
          value={agenda}
          onChange={(event) => setAgenda(event.target.value)}
          rows={4}
          hint={`${clientName} sees the agenda before the session.`}
        />
        <div className="form-actions">
          <button type="submit" disabled={agendaState.fetching}>
            {agendaState.fetching ? 'Saving…' : 'Save agenda'}
          </button>
          {agenda !== saved.agenda ? <span className="muted small">Unsaved changes</span> : null}
        </div>
        <SaveFeedback ok={done.agenda} error={agendaState.error} />
      </form>

      <form className="card" onSubmit={(event) => void onLink(event)} noValidate>
        <h2 id="meeting-link-heading">Meeting link</h2>
        <UrlField
          label="Meeting link"
          value={meetingUrl}
          onChange={(event) => setMeetingUrl(event.target.value)}
          error={linkError}
          hint={
            session.engagement?.meetingUrl
              ? `Optional. Left empty, the engagement’s link is used: ${session.engagement.meetingUrl}`
              : `Optional. ${clientName} sees it with the session and in the reminders.`
          }
        />
        <div className="form-actions">
          <button type="submit" disabled={linkState.fetching}>
            {linkState.fetching ? 'Saving…' : 'Save meeting link'}
          </button>
          {meetingUrl.trim() !== saved.meetingUrl ? <span className="muted small">Unsaved changes</span> : null}
        </div>
        <SaveFeedback ok={done.link} error={linkError ? undefined : linkState.error} />
      </form>

      <div className="session-zones">
        <form className="private-zone" onSubmit={(event) => void onNotes(event)}>
          <h2 className="zone-label" id="private-heading">
            Private: only you can see this
          </h2>
          <p className="small">Your own notes. They are never shown to {clientName}, a sponsor or in any email.</p>
          <TextAreaField label="Private notes (only you)" value={notes} onChange={(event) => setNotes(event.target.value)} rows={8} />
          <div className="form-actions">
            <button type="submit" disabled={notesState.fetching}>
              {notesState.fetching ? 'Saving…' : 'Save private notes'}
            </button>
            {notes !== saved.notes ? <span className="muted small">Unsaved changes</span> : null}
          </div>
          <SaveFeedback ok={done.notes} error={notesState.error} />
        </form>

        <form className="shared-zone" onSubmit={(event) => void onPublish(event)}>
          <h2 className="zone-label" id="shared-heading">
            Shared with {clientName}
          </h2>
          <p className="small">Publishing shows the summary in {clientName}’s portal and emails it to them.</p>
          <TextAreaField
            label="Shared summary (the client sees this)"
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
            rows={8}
            required
            error={errorField(summaryState.error) === 'summary' ? errorMessage(summaryState.error) : undefined}
          />
          <div className="form-actions">
            <button type="submit" disabled={summaryState.fetching || !summary.trim()}>
              {summaryState.fetching ? 'Publishing…' : 'Publish summary'}
            </button>
            {summary !== saved.summary ? <span className="muted small">Not published yet</span> : null}
          </div>
          <p className="small" data-testid="published-at">
            {session.summaryPublishedAt || summaryState.data ? (
              <>
                Published{' '}
                <DateTimeText value={summaryState.data?.publishSessionSummary.summaryPublishedAt ?? session.summaryPublishedAt!} />
              </>
            ) : (
              'Not published yet.'
            )}
          </p>
          <SaveFeedback ok={done.summary} error={errorField(summaryState.error) === 'summary' ? undefined : summaryState.error} />
        </form>
      </div>

      <SessionActionItems session={session} onAdded={reload} />
    </Page>
  );
}
