/**
 * The CloudTrail calls that make or change credentials, read once from `events.raw`.
 * Fields follow the STS and IAM API responses as CloudTrail logs them:
 *
 * - AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML: requestParameters.roleArn,
 *   roleSessionName, principalArn (SAML provider); responseElements.credentials
 *   .accessKeyId/expiration, assumedRoleUser.arn, provider, subjectFromWebIdentityToken,
 *   subject (SAML); userIdentity.identityProvider for the federated caller.
 * - GetSessionToken, GetFederationToken: responseElements.credentials, federatedUser.arn,
 *   requestParameters.name.
 * - CreateAccessKey: responseElements.accessKey.accessKeyId/userName/status/createDate;
 *   UpdateAccessKey and DeleteAccessKey: requestParameters.accessKeyId/userName/status.
 * - CreateUser: responseElements.user.userName/arn, for the user's exact ARN (path).
 *
 * CloudTrail writes these dates as `Nov 30, 2024, 8:43:17 PM` (expiration) and
 * `Jul 30, 2024 9:53:13 PM` (createDate), in UTC.
 */

const CALL_TYPE = JSON.stringify({
  userIdentity: { identityProvider: 'VARCHAR' },
  requestParameters: {
    roleArn: 'VARCHAR',
    roleSessionName: 'VARCHAR',
    principalArn: 'VARCHAR',
    name: 'VARCHAR',
    userName: 'VARCHAR',
    accessKeyId: 'VARCHAR',
    status: 'VARCHAR',
  },
  responseElements: {
    credentials: { accessKeyId: 'VARCHAR', expiration: 'VARCHAR' },
    assumedRoleUser: { arn: 'VARCHAR' },
    federatedUser: { arn: 'VARCHAR' },
    provider: 'VARCHAR',
    subjectFromWebIdentityToken: 'VARCHAR',
    subject: 'VARCHAR',
    accessKey: {
      accessKeyId: 'VARCHAR',
      userName: 'VARCHAR',
      status: 'VARCHAR',
      createDate: 'VARCHAR',
    },
    user: { userName: 'VARCHAR', arn: 'VARCHAR' },
  },
});

export const MINTING_ACTIONS = [
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'GetSessionToken',
  'GetFederationToken',
  'CreateAccessKey',
] as const;

const ACTIONS = [...MINTING_ACTIONS, 'UpdateAccessKey', 'DeleteAccessKey', 'CreateUser'];

/** SQL for a CloudTrail date in ISO form or CloudTrail's `Mon D, YYYY[,] H:MM:SS PM`. */
export function cloudTrailTime(expr: string): string {
  return `coalesce(TRY_CAST(${expr} AS TIMESTAMPTZ),
    try_strptime(${expr}, ['%b %-d, %Y, %-I:%M:%S %p', '%b %-d, %Y %-I:%M:%S %p'])::TIMESTAMPTZ)`;
}

/** The partition of an ARN-valued SQL expression, `aws` when it is not an ARN. */
export function partitionOf(expr: string): string {
  return `coalesce(nullif(regexp_extract(${expr}, '^arn:([^:]+):', 1), ''), 'aws')`;
}

/** The 12-digit account of an IAM or STS ARN-valued SQL expression, or NULL. */
export function accountOf(expr: string): string {
  return `nullif(regexp_extract(${expr}, '^arn:[^:]+:(?:iam|sts)::([0-9]+):', 1), '')`;
}

/** Weak actor ids: the event named no principal, only an account or a bare id. */
export function isWeakActor(expr: string): string {
  return `(${expr} IS NULL OR ${expr} LIKE 'aws:account:%' OR ${expr} LIKE 'aws:principal:%'
    OR ${expr} LIKE 'aws:user-name:%')`;
}

/**
 * Temp tables `cred_calls` (the successful calls above, parsed) and `user_names`
 * (account + user name → user ARN, from the inventory first, then CreateUser answers).
 */
export const CALLS_SQL = [
  `CREATE OR REPLACE TEMP TABLE cred_calls AS
    SELECT e.event_uid, e.time, e.account, e.action, e.actor_id,
      nullif(e.credential_id, '') AS caller_key,
      from_json(e.raw, '${CALL_TYPE}') AS r
    FROM events e
    WHERE e.cloud = 'aws' AND e.source = 'cloudtrail' AND e.outcome = 'success'
      AND e.action IN (${ACTIONS.map((a) => `'${a}'`).join(', ')})`,
  `CREATE OR REPLACE TEMP TABLE user_names AS
    SELECT account, name, arn FROM (
      SELECT account, name, identity_id AS arn, 0 AS rank
      FROM identities
      WHERE kind = 'user' AND in_inventory AND account IS NOT NULL AND name IS NOT NULL
      UNION ALL
      SELECT regexp_extract(r.responseElements.user.arn, ':iam::([0-9]+):', 1),
        r.responseElements.user.userName, r.responseElements.user.arn, 1
      FROM cred_calls
      WHERE action = 'CreateUser' AND r.responseElements.user.arn IS NOT NULL)
    QUALIFY row_number() OVER (PARTITION BY account, name ORDER BY rank, arn) = 1`,
];
