/**
 * The "normal estate": three accounts (prod, staging, tooling) and the identities that
 * keep them busy on an ordinary fortnight. Machines call from AWS (or GitHub's Azure)
 * ranges on their own schedules; two people use the console from the office.
 *
 *   prod     etl-nightly (IAM user, AKIA key, 02:00 UTC daily, fixed Elastic IPs)
 *            orders-processor-role (Lambda, invoked all day)
 *            support-agent (AI agent on ECS: Bedrock InvokeModel + one S3 bucket)
 *            github-actions-deploy (GitHub OIDC, weekday deploys of the Lambda)
 *            dana.lee, omar.haddad (console, MFA, office hours)
 *            AWSServiceRoleForConfig (regional sweeps)
 *   tooling  CodeBuild service role, deploying cross-account into staging
 *   staging  tooling-deployer (assumed from tooling), AWS Config sweeps
 */
import { makeAccount, type Account } from './account.js';
import { ALL_REGIONS } from './aws-network.js';
import { Rng } from './random.js';
import { aiAgentWorkload, type AiAgentWorkload } from './workload-ai-agent.js';
import { codeBuildWorkload, type CodeBuildWorkload } from './workload-codebuild.js';
import {
  configSweepWorkload,
  type ConfigSweepWorkload,
} from './workload-config-sweep.js';
import { consoleWorkload, type ConsoleWorkload } from './workload-console.js';
import { etlWorkload, type EtlWorkload } from './workload-etl.js';
import {
  githubDeployWorkload,
  type GithubDeployWorkload,
} from './workload-github-deploy.js';
import { lambdaWorkload, type LambdaWorkload } from './workload-lambda.js';
import type { ScenarioBase, Workload } from './workload.js';

export interface BaselineRates {
  etlObjectsPerRun: readonly [number, number];
  githubDeploysPerWeekday: number;
  codeBuildsPerWeekday: number;
  lambdaInvocationsPerHour: number;
  agentConversationsPerHour: number;
  configSweepHours: number;
  configRegions: readonly string[];
}

/** Rates of a small estate: a fortnight is a few thousand events. */
export const QUIET_RATES: BaselineRates = {
  etlObjectsPerRun: [30, 60],
  githubDeploysPerWeekday: 2,
  codeBuildsPerWeekday: 3,
  lambdaInvocationsPerHour: 1,
  agentConversationsPerHour: 1,
  configSweepHours: 24,
  configRegions: ALL_REGIONS,
};

export interface BaselineOptions {
  seed: string;
  /** The scenario's fixed start, ms UTC. */
  origin: number;
  rates?: Partial<BaselineRates>;
  /** Alias prefix for the accounts, e.g. `acme` → `acme-prod`. */
  company?: string;
}

export interface Baseline {
  base: ScenarioBase;
  accounts: { prod: Account; staging: Account; tooling: Account };
  etl: EtlWorkload;
  lambda: LambdaWorkload;
  agent: AiAgentWorkload;
  deploy: GithubDeployWorkload;
  codeBuild: CodeBuildWorkload;
  console: ConsoleWorkload;
  config: readonly ConfigSweepWorkload[];
  workloads: readonly Workload[];
}

export function buildBaseline(options: BaselineOptions): Baseline {
  const rates = { ...QUIET_RATES, ...options.rates };
  const base: ScenarioBase = { rng: new Rng(options.seed), origin: options.origin };
  const company = options.company ?? 'acme';
  const accounts = {
    prod: makeAccount(base.rng, `${company}-prod`, ['us-east-1', 'eu-west-1']),
    staging: makeAccount(base.rng, `${company}-staging`, ['us-east-1']),
    tooling: makeAccount(base.rng, `${company}-tooling`, ['us-east-2']),
  };

  const etl = etlWorkload(base, accounts.prod, { objectsPerRun: rates.etlObjectsPerRun });
  const lambda = lambdaWorkload(base, accounts.prod, {
    invocationsPerHour: rates.lambdaInvocationsPerHour,
  });
  const agent = aiAgentWorkload(base, accounts.prod, {
    conversationsPerHour: rates.agentConversationsPerHour,
  });
  const deploy = githubDeployWorkload(base, accounts.prod, {
    repository: `${company}/orders-service`,
    target: lambda.fn,
    buildsPerWeekday: rates.githubDeploysPerWeekday,
  });
  const codeBuild = codeBuildWorkload(
    base,
    accounts.tooling,
    accounts.staging,
    rates.codeBuildsPerWeekday,
  );
  const people = consoleWorkload(base, accounts.prod);
  const config = [accounts.prod, accounts.staging].map((account) =>
    configSweepWorkload(base, account, {
      intervalHours: rates.configSweepHours,
      regions: rates.configRegions,
    }),
  );

  return {
    base,
    accounts,
    etl,
    lambda,
    agent,
    deploy,
    codeBuild,
    console: people,
    config,
    workloads: [etl, lambda, agent, deploy, codeBuild, people, ...config],
  };
}
