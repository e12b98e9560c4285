import pg from 'pg';
import type { EmbeddedPostgresServer } from '#tandem/database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TANDEM_TEST_ADMIN_URL;
  const runId = process.env.TANDEM_TEST_RUN_ID;
  if (adminUrl && runId) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // Test files drop their own databases; this catches any a failed file left behind.
      const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `tandem_test_${runId}_%`,
      ]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await (globalThis as { __tandemTestPg?: EmbeddedPostgresServer }).__tandemTestPg?.stop();
}
