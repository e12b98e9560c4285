import { graphql, type ResultOf } from '../graphql/graphql';

/** Who is logged in: asked for with every log-in, sign-up and token refresh, so no page waits for a separate `me`. */
export const ViewerFields = graphql(`
  fragment ViewerFields on User {
    id
    name
    email
    role
    timeZone
    client {
      id
      name
    }
  }
`);

export type Viewer = ResultOf<typeof ViewerFields>;
