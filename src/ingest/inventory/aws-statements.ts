/**
 * IAM policy documents expanded into rows (IAM JSON policy elements: Statement, Sid,
 * Effect, Action/NotAction, Resource/NotResource, Principal, Condition). Nothing is
 * evaluated: conditions are kept as written, and Deny rows sit beside Allow rows.
 */
import { createLogger } from '../../log/logger.js';
import { isObject, objects, str, strings, type JsonObject } from './aws-values.js';

const log = createLogger('inventory');

export interface StatementRow {
  policy_id: string;
  statement_index: number;
  sid: string | null;
  effect: string | null;
  action: string | null;
  not_action: boolean;
  resource: string | null;
  not_resource: boolean;
  has_condition: boolean;
  /** JSON columns travel as values (see json-rows.ts). */
  condition: JsonObject | null;
}

export interface TrustRow {
  role_id: string;
  statement_index: number;
  effect: string | null;
  principal_type: string;
  principal: string;
  principal_account: string | null;
  federation: string | null;
  provider: string | null;
  actions: string[];
  has_condition: boolean;
  condition: JsonObject | null;
}

// Real documents are small (IAM caps a managed policy at 6,144 characters), so a
// statement that expands beyond this is hostile or broken: it is cut and logged.
const MAX_ROWS_PER_DOCUMENT = 50_000;

/** `Statement` is one object or a list of them. */
function statements(document: JsonObject): JsonObject[] {
  const s = document.Statement;
  return isObject(s) ? [s] : objects(s);
}

function condition(statement: JsonObject): JsonObject | null {
  return isObject(statement.Condition) ? statement.Condition : null;
}

/** One row per (action pattern, resource pattern) of each statement. */
export function statementRows(policyId: string, document: JsonObject): StatementRow[] {
  const rows: StatementRow[] = [];
  statements(document).forEach((st, index) => {
    const notAction = st.NotAction !== undefined;
    const notResource = st.NotResource !== undefined;
    const actions = strings(notAction ? st.NotAction : st.Action);
    const resources = strings(notResource ? st.NotResource : st.Resource);
    const cond = condition(st);
    for (const action of actions.length > 0 ? actions : [null]) {
      for (const resource of resources.length > 0 ? resources : [null]) {
        rows.push({
          policy_id: policyId,
          statement_index: index,
          sid: str(st.Sid),
          effect: str(st.Effect),
          action,
          not_action: notAction,
          resource,
          not_resource: notResource,
          has_condition: cond !== null,
          condition: cond,
        });
      }
    }
  });
  if (rows.length > MAX_ROWS_PER_DOCUMENT) {
    log.warn('policy statements cut', { policyId, rows: rows.length });
    return rows.slice(0, MAX_ROWS_PER_DOCUMENT);
  }
  return rows;
}

// Web identity issuers AWS knows without an IAM OIDC provider (IAM User Guide,
// "Available keys for web identity federation").
const BUILT_IN_OIDC = new Set([
  'accounts.google.com',
  'cognito-identity.amazonaws.com',
  'graph.facebook.com',
  'www.amazon.com',
]);

/** OIDC or SAML, and the provider's short name, for a `Federated` principal. */
export function federationOf(principal: string): {
  federation: string | null;
  provider: string | null;
} {
  const saml = /:saml-provider\/(.+)$/.exec(principal);
  if (saml) return { federation: 'saml', provider: saml[1] ?? null };
  const oidc = /:oidc-provider\/(.+)$/.exec(principal);
  if (oidc) return { federation: 'oidc', provider: oidc[1] ?? null };
  if (BUILT_IN_OIDC.has(principal)) return { federation: 'oidc', provider: principal };
  return { federation: null, provider: null };
}

function principalAccount(type: string, principal: string): string | null {
  if (type !== 'AWS') return null;
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? null;
}

/** One row per principal of each trust policy statement (`Principal: "*"` included). */
export function trustRows(roleId: string, document: JsonObject): TrustRow[] {
  const rows: TrustRow[] = [];
  statements(document).forEach((st, index) => {
    const cond = condition(st);
    const base = {
      role_id: roleId,
      statement_index: index,
      effect: str(st.Effect),
      actions: strings(st.Action),
      has_condition: cond !== null,
      condition: cond,
    };
    // Not yet handled: NotPrincipal, which AWS advises against in trust policies.
    const principals: [string, string][] =
      st.Principal === '*'
        ? [['*', '*']]
        : isObject(st.Principal)
          ? Object.entries(st.Principal).flatMap(([type, value]) =>
              strings(value).map((p): [string, string] => [type, p]),
            )
          : [];
    for (const [type, principal] of principals) {
      const fed =
        type === 'Federated'
          ? federationOf(principal)
          : { federation: null, provider: null };
      rows.push({
        ...base,
        principal_type: type === 'AWS' && principal === '*' ? '*' : type,
        principal,
        principal_account: principalAccount(type, principal),
        ...fed,
      });
    }
  });
  return rows.slice(0, MAX_ROWS_PER_DOCUMENT);
}
