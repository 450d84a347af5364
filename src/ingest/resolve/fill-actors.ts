/**
 * Events that name only a key get their actor from `credentials`. CloudTrail does this
 * for calls from another account (`userIdentity.type` AWSAccount, with the caller's
 * accessKeyId) and some partial records; once the key's owner is known (inventory,
 * minting call, or another event), `events.actor_id` names it. `actor_arn` and `raw`
 * keep what the record said.
 *
 * Federated calls (AssumeRoleWithWebIdentity/SAML) get their provider as actor. Then
 * credentials minted by a key-only call learn who minted them, and sessions from
 * GetSessionToken/GetFederationToken whom they act for.
 */
import { isWeakActor } from './calls.js';

const KNOWN_OWNER = `c.identity_id IS NOT NULL AND c.identity_id NOT LIKE 'aws:%'
  AND c.identity_id NOT LIKE '%#%'`;

export const FILL_ACTORS_SQL = [
  `UPDATE events SET actor_id = c.identity_id
   FROM credentials c
   WHERE events.cloud = 'aws' AND events.credential_id = c.credential_id
     AND ${isWeakActor('events.actor_id')} AND ${KNOWN_OWNER}`,

  // AssumeRoleWithWebIdentity/SAML records name the caller by its token's subject
  // (userIdentity WebIdentityUser/SAMLUser): the actor is the provider that vouched.
  `UPDATE events SET actor_id = c.minted_by
   FROM credentials c
   WHERE c.minted_by_event_uid = events.event_uid
     AND events.actor_principal_type IN ('WebIdentityUser', 'SAMLUser')
     AND ${isWeakActor('events.actor_id')} AND c.minted_by IS NOT NULL`,

  `UPDATE credentials SET
     minted_by = CASE WHEN credentials.source IN ('cloudtrail:AssumeRoleWithWebIdentity',
         'cloudtrail:AssumeRoleWithSAML') OR NOT ${isWeakActor('credentials.minted_by')}
       THEN credentials.minted_by ELSE e.actor_id END,
     identity_id = CASE WHEN credentials.source IN ('cloudtrail:GetSessionToken',
         'cloudtrail:GetFederationToken') AND ${isWeakActor('credentials.identity_id')}
       THEN e.actor_id ELSE credentials.identity_id END
   FROM events e
   WHERE e.event_uid = credentials.minted_by_event_uid
     AND NOT ${isWeakActor('e.actor_id')}
     AND (${isWeakActor('credentials.minted_by')} OR ${isWeakActor('credentials.identity_id')})`,
];
