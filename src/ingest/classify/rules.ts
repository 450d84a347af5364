/**
 * Machine or human: the rules, in order, first match wins. Each rule reads the facts
 * gathered for one identity (facts.ts) and says why in a sentence a responder can check
 * against the case. Inventory facts (trust policies, password, keys) come before
 * behaviour (console logins, user agents, schedule), which can be faked or be missing.
 */

export interface IdentityFacts {
  identityId: string;
  cloud: string;
  kind: string;
  name: string | null;
  path: string | null;
  /** Trust policy (Allow statements): principals, services, OIDC issuer hosts, SAML. */
  trustPrincipals: number;
  trustServices: string[];
  trustOidc: string[];
  trustSaml: number;
  instanceProfiles: number;
  /** From credentials: null when no inventory says. */
  passwordActive: boolean | null;
  activeKeys: number;
  mfaActive: boolean | null;
  /** Sessions of this identity whose minting call is in the logs. */
  sessions: number;
  webSessions: number;
  samlSessions: number;
  serviceSessions: number;
  webProviders: string[];
  sessionServices: string[];
  /** Who minted those sessions, and whether all of them are machines (a second pass). */
  sessionMinters: string[];
  mintersAllMachine: boolean;
  /** Behaviour in the logs. */
  events: number;
  consoleLogins: number;
  mfaLogins: number;
  humanEvents: number;
  machineEvents: number;
  serviceEvents: number;
  browserEvents: number;
  sdkEvents: number;
  activeHours: number;
  activeDays: number;
}

export interface Classification {
  rule: string;
  isMachine: boolean | null;
  reason: string;
}

interface Rule {
  id: string;
  isMachine: boolean | null;
  applies(f: IdentityFacts): boolean;
  reason(f: IdentityFacts): string;
}

/** `token.actions.githubusercontent.com` → `GitHub OIDC`, an ARN → its issuer host. */
export function oidcName(provider: string): string {
  const host = provider.replace(/^.*:oidc-provider\//, '');
  if (host === 'token.actions.githubusercontent.com') return 'GitHub OIDC';
  if (/^oidc\.eks\.[^/]+\.amazonaws\.com\//.test(host)) return 'EKS OIDC';
  if (host === 'accounts.google.com') return 'Google sign-in';
  if (host === 'cognito-identity.amazonaws.com') return 'Amazon Cognito';
  if (host === 'app.terraform.io') return 'Terraform Cloud OIDC';
  if (host === 'gitlab.com') return 'GitLab OIDC';
  return `${host} OIDC`;
}

/** The last segment of an ARN or id: `arn:...:role/ci/deployer` → `deployer`. */
function shortName(id: string): string {
  return id.replace(/^.*[/:]/, '');
}

function names(providers: string[]): string {
  return [...new Set(providers.map(oidcName))].join(', ');
}

// Issuers whose tokens belong to workloads (CI systems, Kubernetes service accounts).
const WORKLOAD_OIDC = /GitHub|EKS|Terraform|GitLab/;

const onlyServices = (f: IdentityFacts) =>
  f.trustServices.length > 0 && f.trustServices.length === f.trustPrincipals;
const onlyOidc = (f: IdentityFacts) =>
  f.trustOidc.length > 0 && f.trustOidc.length === f.trustPrincipals;
const onlySaml = (f: IdentityFacts) =>
  f.trustSaml > 0 && f.trustSaml === f.trustPrincipals;

export const RULES: readonly Rule[] = [
  {
    id: 'aws-service',
    isMachine: true,
    applies: (f) => f.kind === 'aws_service',
    reason: (f) => `AWS service (${f.name ?? f.identityId}) acting for the account`,
  },
  {
    id: 'entra-service-principal',
    isMachine: true,
    applies: (f) => f.identityId.startsWith('azure:sp:'),
    reason: () => 'Entra service principal: an application identity',
  },
  {
    id: 'entra-managed-identity',
    isMachine: true,
    applies: (f) => f.identityId.startsWith('azure:mi:'),
    reason: () => 'Entra managed identity',
  },
  {
    id: 'gcp-service-account',
    isMachine: true,
    applies: (f) => f.identityId.startsWith('gcp:sa:'),
    reason: () => 'Google Cloud service account',
  },
  {
    id: 'other-account',
    isMachine: null,
    applies: (f) => f.kind === 'aws_account',
    reason: () => 'another AWS account, whose records name no principal',
  },
  {
    id: 'workload-oidc-provider',
    isMachine: true,
    applies: (f) =>
      f.kind === 'oidc_provider' && WORKLOAD_OIDC.test(oidcName(f.identityId)),
    reason: (f) =>
      `${oidcName(f.identityId)} provider: workloads sign in with its tokens`,
  },
  {
    id: 'oidc-provider',
    isMachine: null,
    applies: (f) => f.kind === 'oidc_provider',
    reason: (f) =>
      `${oidcName(f.identityId)} provider: people or workloads, by application`,
  },
  {
    id: 'saml-provider',
    isMachine: false,
    applies: (f) => f.kind === 'saml_provider',
    reason: () => 'SAML identity provider: people signing in through single sign-on',
  },
  {
    id: 'group',
    isMachine: null,
    applies: (f) => f.kind === 'group',
    reason: () => 'a group: it holds permissions and never acts itself',
  },
  {
    id: 'root',
    isMachine: false,
    applies: (f) => f.kind === 'root',
    reason: () => 'the account root user, held by a person',
  },
  {
    id: 'sso-role',
    isMachine: false,
    applies: (f) =>
      f.kind === 'role' &&
      ((f.path ?? '').startsWith('/aws-reserved/sso.amazonaws.com/') || onlySaml(f)),
    reason: () => 'role assumed through SAML single sign-on, by people',
  },
  {
    id: 'service-trust',
    isMachine: true,
    applies: (f) => f.kind === 'role' && onlyServices(f),
    reason: (f) => `role trusted only by ${f.trustServices.join(', ')}`,
  },
  {
    id: 'oidc-trust',
    isMachine: true,
    applies: (f) => f.kind === 'role' && onlyOidc(f),
    reason: (f) =>
      `role assumed only through ${names(f.trustOidc)} (${f.trustOidc.join(', ')})`,
  },
  {
    id: 'instance-profile',
    isMachine: true,
    applies: (f) => f.kind === 'role' && f.instanceProfiles > 0,
    reason: () => 'role of an EC2 instance profile',
  },
  {
    id: 'web-identity-sessions',
    isMachine: true,
    applies: (f) =>
      f.webSessions > 0 && f.webSessions === f.sessions && f.humanEvents === 0,
    reason: (f) => `role assumed only through ${names(f.webProviders)} in the logs`,
  },
  {
    id: 'service-sessions',
    isMachine: true,
    applies: (f) => f.serviceSessions > 0 && f.serviceSessions === f.sessions,
    reason: (f) =>
      `role assumed only by ${f.sessionServices.map((s) => s.replace(/^aws:service:/, '')).join(', ')} in the logs`,
  },
  {
    id: 'machine-minted-sessions',
    isMachine: true,
    applies: (f) => f.sessions > 0 && f.mintersAllMachine,
    reason: (f) =>
      `role assumed only by machine identities in the logs (${f.sessionMinters.map(shortName).join(', ')})`,
  },
  {
    id: 'console-mfa',
    isMachine: false,
    applies: (f) => f.mfaLogins > 0,
    reason: () => 'console login with MFA',
  },
  {
    id: 'console',
    isMachine: false,
    applies: (f) => f.consoleLogins > 0,
    reason: () => 'console login (without MFA)',
  },
  {
    id: 'keys-no-password',
    isMachine: true,
    applies: (f) => f.kind === 'user' && f.activeKeys > 0 && f.passwordActive === false,
    reason: () => 'user with access keys and no console password',
  },
  {
    id: 'password-mfa-no-keys',
    isMachine: false,
    applies: (f) =>
      f.kind === 'user' &&
      f.passwordActive === true &&
      f.mfaActive === true &&
      f.activeKeys === 0,
    reason: () => 'console password with MFA and no access keys',
  },
  {
    id: 'mfa-calls',
    isMachine: false,
    applies: (f) => f.cloud === 'aws' && f.humanEvents > 0,
    reason: () => 'MFA-authenticated calls in the logs',
  },
  {
    id: 'instance-sessions',
    isMachine: true,
    applies: (f) => f.cloud === 'aws' && f.machineEvents > 0,
    reason: () => 'sessions named after EC2 instances',
  },
  {
    id: 'logged-as-service',
    isMachine: true,
    applies: (f) => f.serviceEvents > 0 && f.humanEvents === 0,
    reason: () =>
      'a cloud service acting for the tenant or account, as the logs record it',
  },
  {
    id: 'logged-as-machine',
    isMachine: true,
    applies: (f) => f.machineEvents > 0 && f.humanEvents === 0,
    reason: () => 'the logs record its calls as a workload identity’s',
  },
  {
    id: 'logged-as-human',
    isMachine: false,
    applies: (f) => f.humanEvents > 0 && f.machineEvents === 0,
    reason: () =>
      'the logs record its calls as a person’s (interactive sign-in or user account)',
  },
  {
    id: 'around-the-clock',
    isMachine: true,
    applies: (f) =>
      f.events > 0 &&
      f.sdkEvents === f.events &&
      f.browserEvents === 0 &&
      f.activeHours >= AROUND_THE_CLOCK_HOURS &&
      f.activeDays >= 2,
    reason: (f) =>
      `only SDK or CLI user agents, active in ${f.activeHours} different hours of the day`,
  },
  {
    id: 'password-no-keys',
    isMachine: false,
    applies: (f) => f.kind === 'user' && f.passwordActive === true && f.activeKeys === 0,
    reason: () => 'console password and no access keys',
  },
];

/** A working day covers 8 to 10 hours; calls spread over 16 or more look scheduled. */
export const AROUND_THE_CLOCK_HOURS = 16;

const UNKNOWN: Classification = {
  rule: 'unknown',
  isMachine: null,
  reason: 'nothing in the inventory or the logs tells machine from human yet',
};

export function classifyIdentity(facts: IdentityFacts): Classification {
  const rule = RULES.find((r) => r.applies(facts));
  return rule
    ? { rule: rule.id, isMachine: rule.isMachine, reason: rule.reason(facts) }
    : UNKNOWN;
}
