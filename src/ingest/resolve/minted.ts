/**
 * What the calls in `cred_calls` (see calls.ts) say about each credential they made or
 * changed, as temp tables `minted` (one row per key, from the first call that returned
 * it) and `key_status` (the latest Create/Update/DeleteAccessKey per key).
 */
import { accountOf, cloudTrailTime, MINTING_ACTIONS, partitionOf } from './calls.js';

// `arn:aws:sts::111122223333:assumed-role/RoleName/session` → its role, without path.
const ASSUMED_ROLE_RE = `'^arn:([^:]+):sts::([0-9]+):assumed-role/([^/]+)/.*$'`;
// Web identity issuers AWS knows without an IAM OIDC provider.
const BUILT_IN_OIDC = `('accounts.google.com', 'cognito-identity.amazonaws.com',
  'graph.facebook.com', 'www.amazon.com')`;

/** The user a key call names (`userName`), or the caller acting on its own keys. */
const KEY_USER = `CASE WHEN c.user_name IS NOT NULL
  THEN coalesce(u.arn, 'arn:' || ${partitionOf('c.actor_id')} || ':iam::' || c.account
    || ':user/' || c.user_name)
  ELSE c.actor_id END`;

const KEY_CALLS = `
  SELECT c.*, coalesce(r.responseElements.accessKey.userName, r.requestParameters.userName)
    AS user_name
  FROM cred_calls c`;

export const MINTED_SQL = [
  `CREATE OR REPLACE TEMP TABLE minted AS
  WITH calls AS (
    SELECT c.*,
      coalesce(r.responseElements.credentials.accessKeyId,
        r.responseElements.accessKey.accessKeyId) AS key_id,
      coalesce(r.requestParameters.roleArn,
        regexp_replace(r.responseElements.assumedRoleUser.arn, ${ASSUMED_ROLE_RE},
          'arn:\\1:iam::\\2:role/\\3')) AS role_arn,
      regexp_replace(coalesce(r.responseElements.provider, r.userIdentity.identityProvider),
        '^https://', '') AS web_provider
    FROM (${KEY_CALLS}) c
    WHERE action IN (${MINTING_ACTIONS.map((a) => `'${a}'`).join(', ')})
  ),
  shaped AS (
    SELECT c.*,
      CASE WHEN action LIKE 'AssumeRole%' THEN role_arn
           WHEN action = 'CreateAccessKey' THEN ${KEY_USER}
           ELSE actor_id END AS identity_id,
      -- An IAM OIDC provider's ARN is arn:<partition>:iam::<account>:oidc-provider/<issuer
      -- host and path>, in the account of the role it lets in.
      CASE action
        WHEN 'AssumeRoleWithWebIdentity' THEN CASE
          WHEN web_provider LIKE 'arn:%' OR web_provider IN ${BUILT_IN_OIDC} THEN web_provider
          ELSE 'arn:' || ${partitionOf('role_arn')} || ':iam::'
            || coalesce(${accountOf('role_arn')}, c.account) || ':oidc-provider/'
            || web_provider
          END
        WHEN 'AssumeRoleWithSAML' THEN coalesce(r.requestParameters.principalArn,
          r.userIdentity.identityProvider)
        ELSE actor_id END AS minted_by
    FROM calls c LEFT JOIN user_names u ON u.account = c.account AND u.name = c.user_name
    WHERE key_id IS NOT NULL AND key_id <> ''
  )
  SELECT key_id AS credential_id,
    CASE WHEN action = 'CreateAccessKey' THEN 'access_key' ELSE 'session' END AS kind,
    identity_id,
    coalesce(${accountOf('identity_id')}, account) AS account,
    CASE WHEN action = 'CreateAccessKey'
      THEN coalesce(${cloudTrailTime('r.responseElements.accessKey.createDate')}, time)
      ELSE time END AS created_at,
    ${cloudTrailTime('r.responseElements.credentials.expiration')} AS expires_at,
    coalesce(r.responseElements.assumedRoleUser.arn, r.responseElements.federatedUser.arn)
      AS session_arn,
    coalesce(r.requestParameters.roleSessionName, r.requestParameters.name) AS session_name,
    minted_by,
    event_uid AS minted_by_event_uid,
    -- A web identity or SAML caller signs with a token, not a key.
    CASE WHEN action IN ('AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML') THEN NULL
      ELSE caller_key END AS minted_with_credential,
    coalesce(r.responseElements.subjectFromWebIdentityToken, r.responseElements.subject)
      AS subject,
    'cloudtrail:' || action AS source
  FROM shaped
  QUALIFY row_number() OVER (PARTITION BY key_id ORDER BY time, event_uid) = 1`,

  `CREATE OR REPLACE TEMP TABLE key_status AS
  SELECT key_id AS credential_id,
    arg_max(status, time) FILTER (WHERE status IS NOT NULL) AS status,
    max(time) FILTER (WHERE status IS NOT NULL) AS status_at,
    max(time) FILTER (WHERE action = 'DeleteAccessKey') AS deleted_at,
    arg_max(identity_id, time) FILTER (WHERE identity_id IS NOT NULL) AS identity_id
  FROM (
    SELECT coalesce(r.responseElements.accessKey.accessKeyId, r.requestParameters.accessKeyId)
        AS key_id,
      time, action,
      CASE action
        WHEN 'CreateAccessKey' THEN coalesce(r.responseElements.accessKey.status, 'Active')
        WHEN 'UpdateAccessKey' THEN r.requestParameters.status
        ELSE 'Deleted' END AS status,
      ${KEY_USER} AS identity_id
    FROM (${KEY_CALLS}) c LEFT JOIN user_names u ON u.account = c.account AND u.name = c.user_name
    WHERE action IN ('CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'))
  WHERE key_id IS NOT NULL AND key_id <> ''
  GROUP BY key_id`,
];
