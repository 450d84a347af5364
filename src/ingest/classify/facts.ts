/**
 * The facts the classification rules read, one row per identity, in one query: trust
 * policies (`trusts`), credentials (password, keys, MFA, minted sessions) and behaviour
 * in `events` (console logins, CloudTrail additionalEventData.MFAUsed, user agents,
 * hours of activity).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IdentityFacts } from './rules.js';

// Browser and console user agents; SDKs, CLIs and infrastructure tools.
const BROWSER_UA = `(user_agent LIKE 'Mozilla/%' OR user_agent LIKE '%console.amazonaws.com%'
  OR user_agent = 'signin.amazonaws.com')`;
const SDK_UA = `regexp_matches(user_agent,
  '^\\[?(aws-cli|aws-sdk|Boto3|botocore|Botocore|boto3|terraform|Terraform|HashiCorp|APN/|aws-internal|Go-http-client|python-requests|Apache-HttpClient|okhttp|kubectl|eksctl|aws-cdk|jsii-runtime|S3Console)',
  'i')`;

const FACTS_SQL = `
  WITH trust AS (
    SELECT role_id AS identity_id,
      count(*)::INTEGER AS trust_principals,
      coalesce(list(DISTINCT principal ORDER BY principal)
        FILTER (WHERE principal_type = 'Service'), []) AS trust_services,
      coalesce(list(DISTINCT provider ORDER BY provider)
        FILTER (WHERE federation = 'oidc'), []) AS trust_oidc,
      count(*) FILTER (WHERE federation = 'saml')::INTEGER AS trust_saml
    FROM trusts WHERE effect = 'Allow' GROUP BY role_id
  ),
  creds AS (
    SELECT identity_id,
      bool_or(status = 'Active') FILTER (WHERE kind = 'password' AND status IS NOT NULL)
        AS password_active,
      count(*) FILTER (WHERE kind = 'access_key' AND coalesce(status, 'Active') = 'Active'
        AND deleted_at IS NULL)::INTEGER AS active_keys,
      bool_or(status = 'Active') FILTER (WHERE kind = 'mfa' AND status IS NOT NULL)
        AS mfa_active,
      count(*) FILTER (WHERE kind = 'session' AND minted_by_event_uid IS NOT NULL)::INTEGER
        AS sessions,
      count(*) FILTER (WHERE source = 'cloudtrail:AssumeRoleWithWebIdentity')::INTEGER
        AS web_sessions,
      count(*) FILTER (WHERE source = 'cloudtrail:AssumeRoleWithSAML')::INTEGER
        AS saml_sessions,
      count(*) FILTER (WHERE kind = 'session' AND minted_by LIKE 'aws:service:%')::INTEGER
        AS service_sessions,
      coalesce(list(DISTINCT minted_by ORDER BY minted_by)
        FILTER (WHERE source = 'cloudtrail:AssumeRoleWithWebIdentity'), []) AS web_providers,
      coalesce(list(DISTINCT minted_by ORDER BY minted_by)
        FILTER (WHERE kind = 'session' AND minted_by LIKE 'aws:service:%'), [])
        AS session_services,
      coalesce(list(DISTINCT minted_by ORDER BY minted_by)
        FILTER (WHERE kind = 'session' AND minted_by_event_uid IS NOT NULL), [])
        AS session_minters
    FROM credentials WHERE identity_id IS NOT NULL GROUP BY identity_id
  ),
  -- One row per actor and user agent first, so the patterns run once per distinct agent.
  agents AS (
    SELECT actor_id, user_agent, count(*) AS n
    FROM events WHERE actor_id IS NOT NULL GROUP BY ALL
  ),
  agent_counts AS (
    SELECT actor_id AS identity_id,
      sum(n) FILTER (WHERE ${BROWSER_UA})::INTEGER AS browser_events,
      sum(n) FILTER (WHERE ${SDK_UA})::INTEGER AS sdk_events
    FROM agents GROUP BY actor_id
  ),
  behaviour AS (
    SELECT actor_id AS identity_id,
      count(*)::INTEGER AS events,
      count(*) FILTER (WHERE action = 'ConsoleLogin' AND outcome = 'success')::INTEGER
        AS console_logins,
      count(*) FILTER (WHERE action = 'ConsoleLogin' AND outcome = 'success'
        AND json_extract_string(raw, '$.additionalEventData.MFAUsed') = 'Yes')::INTEGER
        AS mfa_logins,
      count(*) FILTER (WHERE actor_type = 'human')::INTEGER AS human_events,
      count(*) FILTER (WHERE actor_type = 'machine')::INTEGER AS machine_events,
      count(*) FILTER (WHERE actor_type = 'service')::INTEGER AS service_events,
      count(DISTINCT hour(time))::INTEGER AS active_hours,
      count(DISTINCT time::DATE)::INTEGER AS active_days
    FROM events WHERE actor_id IS NOT NULL GROUP BY actor_id
  )
  SELECT i.identity_id, i.cloud, i.kind, i.name, i.path,
    coalesce(json_array_length(i.instance_profiles), 0)::INTEGER AS instance_profiles,
    t.* EXCLUDE (identity_id), c.* EXCLUDE (identity_id), b.* EXCLUDE (identity_id),
    a.* EXCLUDE (identity_id)
  FROM identities i
  LEFT JOIN trust t ON t.identity_id = i.identity_id
  LEFT JOIN creds c ON c.identity_id = i.identity_id
  LEFT JOIN behaviour b ON b.identity_id = i.identity_id
  LEFT JOIN agent_counts a ON a.identity_id = i.identity_id`;

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readIdentityFacts(
  conn: DuckDBConnection,
): Promise<IdentityFacts[]> {
  const reader = await conn.runAndReadAll(FACTS_SQL);
  return reader.getRowObjectsJson().map((r: Row) => ({
    identityId: String(r.identity_id),
    cloud: String(r.cloud),
    kind: String(r.kind),
    name: text(r.name),
    path: text(r.path),
    trustPrincipals: num(r.trust_principals),
    trustServices: list(r.trust_services),
    trustOidc: list(r.trust_oidc),
    trustSaml: num(r.trust_saml),
    instanceProfiles: num(r.instance_profiles),
    passwordActive: bool(r.password_active),
    activeKeys: num(r.active_keys),
    mfaActive: bool(r.mfa_active),
    sessions: num(r.sessions),
    webSessions: num(r.web_sessions),
    samlSessions: num(r.saml_sessions),
    serviceSessions: num(r.service_sessions),
    webProviders: list(r.web_providers),
    sessionServices: list(r.session_services),
    sessionMinters: list(r.session_minters),
    mintersAllMachine: false,
    events: num(r.events),
    consoleLogins: num(r.console_logins),
    mfaLogins: num(r.mfa_logins),
    humanEvents: num(r.human_events),
    machineEvents: num(r.machine_events),
    serviceEvents: num(r.service_events),
    browserEvents: num(r.browser_events),
    sdkEvents: num(r.sdk_events),
    activeHours: num(r.active_hours),
    activeDays: num(r.active_days),
  }));
}
