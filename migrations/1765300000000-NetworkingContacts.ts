import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Networking follow-ups: the people a client means to keep in touch with, kept by the client and
 * their coach. Listed per client by next follow-up (due first), which the index serves; the
 * morning nudge scans follow-ups due through the same index.
 */
export class NetworkingContacts1765300000000 implements MigrationInterface {
  name = 'NetworkingContacts1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE networking_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice (id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        organisation varchar(200),
        how_met varchar(500),
        last_contact_date date,
        next_follow_up_date date,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX networking_contact_client_idx ON networking_contact (client_id, next_follow_up_date)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE networking_contact`);
  }
}
