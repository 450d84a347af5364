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
        -- The record's exact text. ZSTD: CloudTrail JSON compresses ~8x, and writing it
        -- uncompressed or with FSST costs more time than parsing it did.
        raw           JSON NOT NULL USING COMPRESSION zstd
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
  {
    version: 2,
    name: 'IAM inventory, credentials and their lineage',
    sql: `
      -- What an IAM inventory says about a principal, beside what the logs show.
      ALTER TABLE identities ADD COLUMN arn VARCHAR;
      ALTER TABLE identities ADD COLUMN path VARCHAR;
      ALTER TABLE identities ADD COLUMN unique_id VARCHAR;
      ALTER TABLE identities ADD COLUMN tags JSON;
      ALTER TABLE identities ADD COLUMN permissions_boundary VARCHAR;
      ALTER TABLE identities ADD COLUMN instance_profiles JSON;
      ALTER TABLE identities ADD COLUMN last_used_at TIMESTAMPTZ;
      ALTER TABLE identities ADD COLUMN last_used_region VARCHAR;
      ALTER TABLE identities ADD COLUMN inventory_file_id INTEGER;
      COMMENT ON COLUMN identities.unique_id IS 'AWS unique id (AIDA... user, AROA... role, AGPA... group)';
      COMMENT ON COLUMN identities.last_used_at IS 'RoleLastUsed from the IAM inventory (the latest any file reported)';
      COMMENT ON COLUMN identities.inventory_file_id IS 'The last inventory file that described this identity';

      CREATE TABLE credentials (
        credential_id   VARCHAR PRIMARY KEY,
        cloud           VARCHAR NOT NULL,
        kind            VARCHAR NOT NULL,
        identity_id     VARCHAR,
        account         VARCHAR,
        status          VARCHAR,
        status_at       TIMESTAMPTZ,
        created_at      TIMESTAMPTZ,
        expires_at      TIMESTAMPTZ,
        deleted_at      TIMESTAMPTZ,
        last_used_at    TIMESTAMPTZ,
        last_used_service VARCHAR,
        last_used_region VARCHAR,
        first_seen      TIMESTAMPTZ,
        last_seen       TIMESTAMPTZ,
        event_count     BIGINT NOT NULL DEFAULT 0,
        session_arn     VARCHAR,
        session_name    VARCHAR,
        minted_by       VARCHAR,
        minted_by_event_uid VARCHAR,
        minted_with_credential VARCHAR,
        subject         VARCHAR,
        source          VARCHAR NOT NULL,
        in_inventory    BOOLEAN NOT NULL DEFAULT false,
        file_id         INTEGER
      );
      COMMENT ON TABLE credentials IS 'Access keys, passwords, certificates, MFA and temporary session keys, from inventories and from the calls that made them';
      COMMENT ON COLUMN credentials.credential_id IS 'The access key id (AKIA... long-lived, ASIA... session); for facts without an id, <user ARN>#password, #access_key_1, #cert_1, #mfa';
      COMMENT ON COLUMN credentials.kind IS 'access_key, session, password, certificate or mfa';
      COMMENT ON COLUMN credentials.identity_id IS 'Whom the credential acts as: the user of a key, the role of a session (for_identity)';
      COMMENT ON COLUMN credentials.status IS 'Active, Inactive or Deleted (AWS spelling), as of status_at';
      COMMENT ON COLUMN credentials.last_used_at IS 'Last use as AWS reported it (credential report); first_seen/last_seen are from the logs';
      COMMENT ON COLUMN credentials.minted_by IS 'Who made the credential: the caller of AssumeRole/GetSessionToken/GetFederationToken/CreateAccessKey, or the OIDC/SAML provider';
      COMMENT ON COLUMN credentials.minted_by_event_uid IS 'The event that made the credential';
      COMMENT ON COLUMN credentials.minted_with_credential IS 'The key the minting call was signed with: follow it (or the credential_chain view) upstream';
      COMMENT ON COLUMN credentials.subject IS 'Web identity or SAML subject of the minting call, e.g. repo:org/app:ref:refs/heads/main';
      COMMENT ON COLUMN credentials.source IS 'Where the row came from: credential_report, cloudtrail:<minting call>, cloudtrail:observed';

      CREATE TABLE policies (
        policy_id       VARCHAR PRIMARY KEY,
        policy_arn      VARCHAR,
        name            VARCHAR NOT NULL,
        kind            VARCHAR NOT NULL,
        owner_id        VARCHAR,
        account         VARCHAR,
        default_version VARCHAR,
        document        JSON,
        created_at      TIMESTAMPTZ,
        updated_at      TIMESTAMPTZ,
        file_id         INTEGER
      );
      COMMENT ON COLUMN policies.policy_id IS 'The managed policy ARN, or inline:<owner ARN>:<policy name>';
      COMMENT ON COLUMN policies.kind IS 'aws_managed, customer_managed or inline';
      COMMENT ON COLUMN policies.document IS 'The default version document, decoded (NULL when the inventory named the policy without its document)';

      CREATE TABLE policy_attachments (
        identity_id VARCHAR NOT NULL,
        policy_id   VARCHAR NOT NULL,
        file_id     INTEGER
      );
      COMMENT ON TABLE policy_attachments IS 'Which user, role or group each policy is attached to (inline policies included)';

      CREATE TABLE policy_statements (
        policy_id       VARCHAR NOT NULL,
        statement_index INTEGER NOT NULL,
        sid             VARCHAR,
        effect          VARCHAR,
        action          VARCHAR,
        not_action      BOOLEAN NOT NULL,
        resource        VARCHAR,
        not_resource    BOOLEAN NOT NULL,
        has_condition   BOOLEAN NOT NULL,
        condition       JSON
      );
      COMMENT ON TABLE policy_statements IS 'Each policy statement expanded to one row per action pattern and resource pattern';

      CREATE TABLE group_members (
        group_id    VARCHAR NOT NULL,
        identity_id VARCHAR NOT NULL,
        file_id     INTEGER
      );

      CREATE TABLE trusts (
        role_id           VARCHAR NOT NULL,
        statement_index   INTEGER NOT NULL,
        effect            VARCHAR,
        principal_type    VARCHAR NOT NULL,
        principal         VARCHAR NOT NULL,
        principal_account VARCHAR,
        federation        VARCHAR,
        provider          VARCHAR,
        actions           VARCHAR[],
        has_condition     BOOLEAN NOT NULL,
        condition         JSON,
        file_id           INTEGER
      );
      COMMENT ON TABLE trusts IS 'Who may assume each role, from its trust policy: one row per principal';
      COMMENT ON COLUMN trusts.principal_type IS 'Service, AWS, Federated, CanonicalUser, or * for anyone';
      COMMENT ON COLUMN trusts.federation IS 'oidc or saml for a Federated principal';
      COMMENT ON COLUMN trusts.provider IS 'The OIDC issuer host (e.g. token.actions.githubusercontent.com) or SAML provider name';
      COMMENT ON COLUMN trusts.has_condition IS 'The statement has a Condition, kept in condition; Keytrail does not evaluate it';

      -- What each identity may do: its own policies, and its groups' policies for users.
      CREATE VIEW grants AS
        SELECT a.identity_id, NULL::VARCHAR AS via_group, s.policy_id, p.name AS policy_name,
          p.kind AS policy_kind, s.statement_index, s.sid, s.effect, s.action, s.not_action,
          s.resource, s.not_resource, s.has_condition, s.condition
        FROM policy_attachments a
        JOIN policy_statements s ON s.policy_id = a.policy_id
        LEFT JOIN policies p ON p.policy_id = s.policy_id
        UNION ALL
        SELECT m.identity_id, m.group_id AS via_group, s.policy_id, p.name AS policy_name,
          p.kind AS policy_kind, s.statement_index, s.sid, s.effect, s.action, s.not_action,
          s.resource, s.not_resource, s.has_condition, s.condition
        FROM group_members m
        JOIN policy_attachments a ON a.identity_id = m.group_id
        JOIN policy_statements s ON s.policy_id = a.policy_id
        LEFT JOIN policies p ON p.policy_id = s.policy_id;
      COMMENT ON VIEW grants IS 'Allow and Deny statements per identity, not evaluated: a Deny elsewhere, a condition, a permissions boundary or an SCP may take a grant away';
      COMMENT ON COLUMN grants.has_condition IS 'The statement has a Condition; Keytrail does not evaluate conditions, so the grant may not apply';

      -- From a credential back to where it came from: each hop follows the key that
      -- signed the call that minted the session, until a long-lived key, or a session
      -- minted by a provider or service. The path guards against loops in hostile data.
      CREATE VIEW credential_chain AS
        WITH RECURSIVE chain AS (
          SELECT c.credential_id AS start_credential_id, 0 AS hop, c.credential_id, c.kind,
            c.identity_id, c.session_arn, c.minted_by, c.minted_by_event_uid,
            c.minted_with_credential, c.subject, c.created_at, [c.credential_id] AS path
          FROM credentials c
          UNION ALL
          SELECT ch.start_credential_id, ch.hop + 1, c.credential_id, c.kind, c.identity_id,
            c.session_arn, c.minted_by, c.minted_by_event_uid, c.minted_with_credential,
            c.subject, c.created_at, list_append(ch.path, c.credential_id)
          FROM chain ch
          JOIN credentials c ON c.credential_id = ch.minted_with_credential
          WHERE ch.kind = 'session' AND NOT list_contains(ch.path, c.credential_id)
            AND ch.hop < 64
        ),
        ranked AS (
          SELECT *, hop = max(hop) OVER (PARTITION BY start_credential_id) AS is_origin
          FROM chain
        )
        SELECT start_credential_id, hop, credential_id, kind, identity_id, session_arn,
          minted_by, minted_by_event_uid, minted_with_credential, subject, created_at,
          is_origin,
          first_value(CASE WHEN kind = 'session' THEN coalesce(minted_by, identity_id)
                      ELSE identity_id END)
            OVER (PARTITION BY start_credential_id ORDER BY hop DESC) AS origin_identity
        FROM ranked;
      COMMENT ON VIEW credential_chain IS 'Join events.credential_id = start_credential_id; hop 0 is that key, the row with is_origin names the first long-lived identity, provider or service behind it (origin_identity)';
    `,
  },
  {
    version: 3,
    name: 'baselines, detection runs and findings',
    sql: `
      -- One row per run of the detection suite: its settings and when it ran.
      CREATE TABLE detection_runs (
        run_id         INTEGER PRIMARY KEY,
        started_at     TIMESTAMPTZ NOT NULL,
        finished_at    TIMESTAMPTZ,
        baseline_end   TIMESTAMPTZ,
        baseline_days  INTEGER,
        settings       JSON,
        status         VARCHAR NOT NULL
      );
      COMMENT ON COLUMN detection_runs.baseline_end IS 'Events before this time form the baseline; events from it on are judged against it';

      -- What each identity normally does, per dimension (action, service, resource,
      -- src_ip, asn, country, user_agent, region, hour, weekday, assumed_role...).
      CREATE TABLE baselines (
        identity_id   VARCHAR NOT NULL,
        dimension     VARCHAR NOT NULL,
        value         VARCHAR NOT NULL,
        events        BIGINT NOT NULL,
        days          INTEGER NOT NULL,
        first_seen    TIMESTAMPTZ,
        last_seen     TIMESTAMPTZ
      );
      COMMENT ON TABLE baselines IS 'Per identity and dimension, each value seen in the baseline window, with how often and on how many days';

      -- Daily volume and error rate per identity over the baseline window.
      CREATE TABLE baseline_daily (
        identity_id   VARCHAR NOT NULL,
        day           DATE NOT NULL,
        events        BIGINT NOT NULL,
        failures      BIGINT NOT NULL,
        distinct_actions INTEGER NOT NULL
      );

      CREATE TABLE findings (
        finding_id       VARCHAR PRIMARY KEY,
        run_id           INTEGER NOT NULL,
        detection_id     VARCHAR NOT NULL,
        kind             VARCHAR NOT NULL,
        title            VARCHAR NOT NULL,
        severity         VARCHAR NOT NULL,
        attack_technique VARCHAR,
        attack_tactic    VARCHAR,
        identity_id      VARCHAR,
        first_seen       TIMESTAMPTZ,
        last_seen        TIMESTAMPTZ,
        summary          VARCHAR NOT NULL,
        baseline         JSON,
        details          JSON,
        event_uids       VARCHAR[] NOT NULL
      );
      COMMENT ON COLUMN findings.kind IS 'anomaly (departs from the baseline), behavior (suspicious whatever the baseline), hygiene (inventory), sigma (a Sigma rule)';
      COMMENT ON COLUMN findings.severity IS 'critical, high, medium, low or info';
      COMMENT ON COLUMN findings.baseline IS 'What was normal for the identity, as numbers, for the page to show beside the departure';
      COMMENT ON COLUMN findings.event_uids IS 'The evidence: events.event_uid values (empty for inventory findings)';

      ALTER TABLE identities ADD COLUMN risk_score DOUBLE;
      ALTER TABLE identities ADD COLUMN finding_count INTEGER;
      COMMENT ON COLUMN identities.risk_score IS 'From the identity''s findings (severity, variety, evidence); higher means look here first';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
