/**
 * The case schema, as an ordered list of migrations. A case written by an older Keytrail
 * is migrated forward on open; each migration runs once, in a transaction, and has a
 * test in test/engine/migrations.test.ts. Never edit a released migration: add one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'evidence, events and identities',
    sql: `
      CREATE TABLE evidence_files (
        file_id        INTEGER PRIMARY KEY,
        path           VARCHAR NOT NULL,
        sha256         VARCHAR NOT NULL,
        bytes          BIGINT NOT NULL,
        format         VARCHAR,
        first_event    TIMESTAMPTZ,
        last_event     TIMESTAMPTZ,
        events_read    BIGINT NOT NULL DEFAULT 0,
        events_skipped BIGINT NOT NULL DEFAULT 0,
        events_duplicate BIGINT NOT NULL DEFAULT 0,
        status         VARCHAR NOT NULL,
        error_code     VARCHAR,
        error_message  VARCHAR,
        ingested_at    TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE events (
        event_uid     VARCHAR NOT NULL,
        time          TIMESTAMPTZ,
        cloud         VARCHAR NOT NULL,
        source        VARCHAR NOT NULL,
        account       VARCHAR,
        region        VARCHAR,
        service       VARCHAR,
        action        VARCHAR,
        event_type    VARCHAR,
        outcome       VARCHAR,
        error_code    VARCHAR,
        error_message VARCHAR,
        actor_id      VARCHAR,
        actor_arn     VARCHAR,
        actor_principal_type VARCHAR,
        actor_type    VARCHAR NOT NULL DEFAULT 'unknown',
        credential_id VARCHAR,
        session_id    VARCHAR,
        session_name  VARCHAR,
        src_ip        VARCHAR,
        src_service   VARCHAR,
        src_asn       INTEGER,
        src_as_name   VARCHAR,
        src_country   VARCHAR,
        user_agent    VARCHAR,
        read_only     BOOLEAN,
        resources     VARCHAR[],
        shared_event_id VARCHAR,
        file_id       INTEGER NOT NULL,
        record_index  INTEGER NOT NULL,
        raw           JSON NOT NULL
      );

      CREATE TABLE identities (
        identity_id    VARCHAR PRIMARY KEY,
        cloud          VARCHAR NOT NULL,
        kind           VARCHAR NOT NULL,
        name           VARCHAR,
        account        VARCHAR,
        is_machine     BOOLEAN,
        machine_reason VARCHAR,
        created_at     TIMESTAMPTZ,
        created_by     VARCHAR,
        deleted_at     TIMESTAMPTZ,
        first_seen     TIMESTAMPTZ,
        last_seen      TIMESTAMPTZ,
        event_count    BIGINT NOT NULL DEFAULT 0,
        in_inventory   BOOLEAN NOT NULL DEFAULT false
      );

      CREATE TABLE journal (
        entry_id  INTEGER PRIMARY KEY,
        logged_at TIMESTAMPTZ NOT NULL,
        action    VARCHAR NOT NULL,
        detail    JSON
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
