import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coaching domain. Every table carries practice_id (the tenant); records
 * that belong to a client also carry client_id, so one access rule scopes them all.
 */
export class CoachingDomain1763910000000 implements MigrationInterface {
  name = 'CoachingDomain1763910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE practice ADD COLUMN reminder_offsets_minutes integer[] NOT NULL DEFAULT '{2880,120}'`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        name varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('OWNER', 'COACH', 'CLIENT')),
        time_zone varchar(64) NOT NULL,
        password_hash varchar(200),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await db.query(`CREATE INDEX app_user_practice_idx ON app_user (practice_id, role)`);

    await db.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);
    await db.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);

    await db.query(`
      CREATE TABLE login_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email varchar(320) NOT NULL,
        ip varchar(64) NOT NULL,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX login_attempt_email_idx ON login_attempt (lower(email), attempted_at)`);
    await db.query(`CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, attempted_at)`);

    await db.query(`
      CREATE TABLE sponsor (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        organisation varchar(200) NOT NULL,
        contact_name varchar(200) NOT NULL,
        contact_email varchar(320) NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sponsor_practice_idx ON sponsor (practice_id, organisation, id)`);

    await db.query(`
      CREATE TABLE client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        coach_id uuid NOT NULL REFERENCES app_user(id),
        user_id uuid UNIQUE REFERENCES app_user(id) ON DELETE SET NULL,
        name varchar(200) NOT NULL,
        email varchar(320) NOT NULL,
        time_zone varchar(64) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PROSPECT', 'ACTIVE', 'PAUSED', 'ALUMNI')),
        "current_role" varchar(200),
        target_role varchar(200),
        tags varchar(50)[] NOT NULL DEFAULT '{}',
        reminder_offsets_minutes integer[],
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The roster: a practice's (or one coach's) clients in name order, paged by (name, id).
    await db.query(`CREATE INDEX client_roster_idx ON client (practice_id, coach_id, name, id)`);
    await db.query(`CREATE INDEX client_practice_name_idx ON client (practice_id, name, id)`);
    await db.query(`CREATE INDEX client_tags_idx ON client USING gin (tags)`);
    await db.query(`CREATE UNIQUE INDEX client_practice_email_key ON client (practice_id, lower(email)) WHERE archived_at IS NULL`);

    await db.query(`
      CREATE TABLE user_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ('CLIENT_INVITE', 'COACH_INVITE', 'PASSWORD_RESET')),
        token_hash char(64) NOT NULL UNIQUE,
        email varchar(320) NOT NULL,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        client_id uuid REFERENCES client(id) ON DELETE CASCADE,
        created_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX user_token_user_idx ON user_token (user_id)`);
    await db.query(`CREATE INDEX user_token_client_idx ON user_token (client_id)`);

    await db.query(`
      CREATE TABLE engagement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        coach_id uuid NOT NULL REFERENCES app_user(id),
        sponsor_id uuid REFERENCES sponsor(id),
        title varchar(200) NOT NULL,
        phase varchar(16) NOT NULL CHECK (phase IN ('DISCOVER', 'PLAN', 'ACT')),
        status varchar(16) NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED')),
        start_date date NOT NULL,
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        sessions_allotted integer CHECK (sessions_allotted IS NULL OR sessions_allotted > 0),
        session_minutes integer NOT NULL CHECK (session_minutes BETWEEN 5 AND 600),
        cadence_frequency varchar(16) NOT NULL CHECK (cadence_frequency IN ('MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'AD_HOC')),
        cadence_anchor_kind varchar(16) NOT NULL CHECK (cadence_anchor_kind IN ('DAY_OF_MONTH', 'ORDINAL_WEEKDAY')),
        cadence_day integer CHECK (cadence_day BETWEEN 1 AND 31),
        cadence_ordinal integer CHECK (cadence_ordinal IN (-1, 1, 2, 3, 4)),
        cadence_weekday integer CHECK (cadence_weekday BETWEEN 1 AND 7),
        cadence_local_time char(5) NOT NULL,
        cadence_time_zone varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX engagement_client_idx ON engagement (client_id, status)`);
    await db.query(`CREATE INDEX engagement_practice_idx ON engagement (practice_id, status)`);
    await db.query(`CREATE INDEX engagement_coach_idx ON engagement (coach_id)`);
    await db.query(`CREATE INDEX engagement_sponsor_idx ON engagement (sponsor_id)`);

    await db.query(`
      CREATE TABLE coaching_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        coach_id uuid NOT NULL REFERENCES app_user(id),
        sequence integer NOT NULL,
        starts_at timestamptz NOT NULL,
        time_zone varchar(64) NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
        status varchar(16) NOT NULL CHECK (status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
        meeting_url varchar(2000),
        agenda text,
        private_notes text,
        shared_summary text,
        summary_published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        manually_moved boolean NOT NULL DEFAULT false,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (engagement_id, sequence)
      )`);
    await db.query(`CREATE INDEX coaching_session_engagement_idx ON coaching_session (engagement_id, starts_at)`);
    await db.query(`CREATE INDEX coaching_session_calendar_idx ON coaching_session (practice_id, starts_at)`);
    await db.query(`CREATE INDEX coaching_session_client_idx ON coaching_session (client_id, starts_at)`);
    await db.query(`CREATE INDEX coaching_session_coach_idx ON coaching_session (coach_id, starts_at)`);

    await db.query(`
      CREATE TABLE goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        category varchar(16) NOT NULL CHECK (category IN ('CAREER', 'FINANCIAL', 'LEARNING', 'NETWORK', 'LIFE')),
        horizon varchar(16) NOT NULL CHECK (horizon IN ('ONE_YEAR', 'THREE_YEARS', 'FIVE_YEARS', 'TEN_YEARS')),
        target_date date,
        metric_name varchar(200) NOT NULL,
        metric_unit varchar(50) NOT NULL,
        metric_baseline double precision NOT NULL,
        metric_target double precision NOT NULL CHECK (metric_target <> metric_baseline),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX goal_engagement_idx ON goal (engagement_id, created_at)`);
    await db.query(`CREATE INDEX goal_client_idx ON goal (client_id)`);

    await db.query(`
      CREATE TABLE goal_check_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        goal_id uuid NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
        value double precision NOT NULL,
        note varchar(2000),
        recorded_at timestamptz NOT NULL,
        recorded_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX goal_check_in_goal_idx ON goal_check_in (goal_id, recorded_at DESC)`);

    await db.query(`
      CREATE TABLE action_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        session_id uuid REFERENCES coaching_session(id) ON DELETE SET NULL,
        goal_id uuid REFERENCES goal(id) ON DELETE SET NULL,
        title varchar(200) NOT NULL,
        details text,
        due_date date,
        status varchar(16) NOT NULL CHECK (status IN ('OPEN', 'DONE', 'DROPPED')),
        completed_at timestamptz,
        created_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX action_item_client_idx ON action_item (client_id, status, due_date)`);
    await db.query(`CREATE INDEX action_item_engagement_idx ON action_item (engagement_id)`);
    await db.query(`CREATE INDEX action_item_session_idx ON action_item (session_id)`);
    await db.query(`CREATE INDEX action_item_goal_idx ON action_item (goal_id)`);

    await db.query(`
      CREATE TABLE action_item_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        action_item_id uuid NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        body varchar(4000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX action_item_comment_item_idx ON action_item_comment (action_item_id, created_at)`);

    await db.query(`
      CREATE TABLE career_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL UNIQUE REFERENCES engagement(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX career_plan_client_idx ON career_plan (client_id)`);

    await db.query(`
      CREATE TABLE career_plan_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        career_plan_id uuid NOT NULL REFERENCES career_plan(id) ON DELETE CASCADE,
        number integer NOT NULL,
        strengths_inventory text NOT NULL DEFAULT '',
        gaps_and_threats text NOT NULL DEFAULT '',
        direction_and_opportunities text NOT NULL DEFAULT '',
        market_analysis text NOT NULL DEFAULT '',
        compensation_plan text NOT NULL DEFAULT '',
        strategy_and_timetable text NOT NULL DEFAULT '',
        branding_and_networking text NOT NULL DEFAULT '',
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (career_plan_id, number)
      )`);

    await db.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        practice_id uuid NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        action varchar(64) NOT NULL,
        entity_type varchar(64) NOT NULL,
        entity_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_event_practice_idx ON audit_event (practice_id, occurred_at DESC)`);
    await db.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_event',
      'career_plan_revision',
      'career_plan',
      'action_item_comment',
      'action_item',
      'goal_check_in',
      'goal',
      'coaching_session',
      'engagement',
      'user_token',
      'client',
      'sponsor',
      'login_attempt',
      'refresh_token',
      'app_user',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query('ALTER TABLE practice DROP COLUMN reminder_offsets_minutes');
  }
}
