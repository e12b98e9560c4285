import { graphql } from '../../graphql/graphql';

// The engagement controls' documents: status changes, cadence change, edit, and the sponsors to choose from.

export const ActivateEngagementMutation = graphql(`
  mutation ActivateEngagement($id: ID!) {
    activateEngagement(id: $id) {
      id
      status
    }
  }
`);
export const PauseEngagementMutation = graphql(`
  mutation PauseEngagement($id: ID!) {
    pauseEngagement(id: $id) {
      id
      status
    }
  }
`);
export const CompleteEngagementMutation = graphql(`
  mutation CompleteEngagement($id: ID!) {
    completeEngagement(id: $id) {
      id
      status
    }
  }
`);
export const CancelEngagementMutation = graphql(`
  mutation CancelEngagement($id: ID!) {
    cancelEngagement(id: $id) {
      id
      status
    }
  }
`);
export const ChangeCadenceMutation = graphql(`
  mutation ChangeCadence($id: ID!, $cadence: CadenceInput!) {
    changeCadence(id: $id, cadence: $cadence) {
      id
      cadence {
        frequency
        anchor
        day
        ordinal
        weekday
        localTime
        timeZone
      }
    }
  }
`);
export const UpdateEngagementMutation = graphql(`
  mutation UpdateEngagement($id: ID!, $input: UpdateEngagementInput!) {
    updateEngagement(id: $id, input: $input) {
      id
      title
      phase
      endDate
      sessionsAllotted
      sessionMinutes
      meetingUrl
      sponsor {
        id
      }
    }
  }
`);

export const EngagementSponsorOptionsQuery = graphql(`
  query EngagementSponsorOptions {
    sponsors(first: 100) {
      edges {
        node {
          id
          organisation
        }
      }
    }
  }
`);

/** Besides the engagement, a change of status or cadence moves sessions and may make a prospect active. */
export const ENGAGEMENT_CHANGES = { additionalTypenames: ['Client', 'CoachingSession', 'Engagement'] };
