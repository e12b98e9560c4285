import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import type { Clock } from '#tandem/clock';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { ApiClient, type GraphQLResponse } from './api-client.js';
import { takeSignUpLinks } from './sign-up-links.js';
import { createTestRuntime, type TestRuntime } from './test-runtime.js';

/** One caller's view of the API: a bearer token (or none) bound to a client. */
export class Caller {
  constructor(
    private readonly client: ApiClient,
    readonly token?: string,
  ) {}

  /** The whole response, errors included. */
  raw<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return this.client.graphql<T>(query, variables, this.token ? { authorization: `Bearer ${this.token}` } : {});
  }

  /** The data, or a thrown error naming the first GraphQL error and its code. */
  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await this.raw<T>(query, variables);
    if (body.errors?.length) {
      const [first] = body.errors;
      throw Object.assign(new Error(`${(first.extensions?.code as string | undefined) ?? 'ERROR'}: ${first.message}`), {
        code: first.extensions?.code,
        errors: body.errors,
      });
    }
    return body.data as T;
  }

  /** The code of the first error the operation answers with (undefined when it succeeds). */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const { body } = await this.raw(query, variables);
    return body.errors?.[0]?.extensions?.code as string | undefined;
  }
}

/** The whole API app on a fresh migrated database, over real HTTP. */
export class TestApi {
  private constructor(
    readonly runtime: TestRuntime,
    readonly app: INestApplication,
    readonly http: ApiClient,
  ) {}

  /** `runWorker` also consumes jobs in the app (the all-in-one shape), so planned emails are sent. */
  static async start(
    options: { env?: Record<string, string | undefined>; runWorker?: boolean; redisUrl?: string; clock?: Clock } = {},
  ): Promise<TestApi> {
    const runtime = await createTestRuntime({
      ...(options.env ? { env: options.env } : {}),
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    });
    const app = await createApiApp(runtime, {
      runWorker: options.runWorker ?? false,
      schemaFile: false,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const http = await ApiClient.listen(app);
    return new TestApi(runtime, app, http);
  }

  anonymous(): Caller {
    return new Caller(this.http);
  }

  as(token: string): Caller {
    return new Caller(this.http, token);
  }

  /** Reads the database directly, for assertions the API does not expose. */
  async sql<T extends pg.QueryResultRow = Record<string, any>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.runtime.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** The address's sign-up confirmation link, taken from the outbox before it is sent (see takeSignUpLinks). */
  async takeSignUpLink(email: string): Promise<string | undefined> {
    return (await takeSignUpLinks(this.app, email))[0];
  }

  takeSignUpLinks(email: string): Promise<string[]> {
    return takeSignUpLinks(this.app, email);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.runtime.dispose();
  }
}
