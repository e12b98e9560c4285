import { graphql, type ResultOf } from '../../graphql/graphql';

// The session editor's query and mutations; each mutation answers the fields the editor shows again.

export const SessionEditorQuery = graphql(`
  query SessionEditor($id: ID!) {
    session(id: $id) {
      id
      sequence
      startsAt
      durationMinutes
      timeZone
      status
      meetingUrl
      agenda
      privateNotes
      sharedSummary
      summaryPublishedAt
      completedAt
      client {
        id
        name
        timeZone
      }
      engagement {
        id
        title
        meetingUrl
      }
      actionItems {
        id
        title
        dueDate
        status
        isOverdue
      }
    }
  }
`);

export const SaveAgendaMutation = graphql(`
  mutation SaveSessionAgenda($id: ID!, $agenda: String!) {
    updateSession(id: $id, input: { agenda: $agenda }) {
      id
      agenda
    }
  }
`);
export const SaveMeetingLinkMutation = graphql(`
  mutation SaveSessionMeetingLink($id: ID!, $meetingUrl: String) {
    updateSession(id: $id, input: { meetingUrl: $meetingUrl }) {
      id
      meetingUrl
    }
  }
`);
export const WritePrivateNotesMutation = graphql(`
  mutation WriteSessionPrivateNotes($id: ID!, $notes: String!) {
    writePrivateNotes(id: $id, notes: $notes) {
      id
      privateNotes
    }
  }
`);
export const PublishSummaryMutation = graphql(`
  mutation PublishSessionSummary($id: ID!, $summary: String!) {
    publishSessionSummary(id: $id, summary: $summary) {
      id
      sharedSummary
      summaryPublishedAt
    }
  }
`);
export const CompleteSessionMutation = graphql(`
  mutation CompleteSession($id: ID!) {
    completeSession(id: $id) {
      id
      status
      completedAt
    }
  }
`);
export const NoShowSessionMutation = graphql(`
  mutation MarkSessionNoShow($id: ID!) {
    markSessionNoShow(id: $id) {
      id
      status
      completedAt
    }
  }
`);
export const AddSessionActionItemMutation = graphql(`
  mutation AddSessionActionItem($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      id
      title
      dueDate
      status
      isOverdue
    }
  }
`);

export type EditorSession = ResultOf<typeof SessionEditorQuery>['session'];
