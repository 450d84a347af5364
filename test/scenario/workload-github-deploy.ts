/**
 * A GitHub Actions deploy pipeline. On weekdays a workflow on a GitHub-hosted runner
 * (Azure addresses) trades its OIDC token for a session of the deploy role
 * (AssumeRoleWithWebIdentity), uploads the build artifact and updates the Lambda
 * function, polling until the update settles.
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  serviceActor,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { GITHUB_RUNNER_RANGES, ipInAny } from './aws-network.js';
import { makeRole, startSession, webIdentity, type IamRole } from './aws-principals.js';
import { assumeRoleWithWebIdentity, getCallerIdentity } from './calls-sts.js';
import { putObject } from './calls-s3.js';
import { kmsGenerateDataKey, s3KmsContext } from './calls-secrets.js';
import {
  describeStacks,
  getFunction,
  updateFunctionCode,
  type LambdaFunction,
} from './calls-ops.js';
import { DAY, SECOND } from './clock.js';
import type { Rng } from './random.js';
import { days, officeMoment } from './schedule.js';
import {
  CLI_GITHUB_RUNNER,
  GITHUB_CONFIGURE_CREDENTIALS,
  cliCommand,
} from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface GithubDeployOptions {
  /** `org/repo` of the workflow. */
  repository: string;
  /** The function the workflow deploys. */
  target: LambdaFunction;
  buildsPerWeekday?: number;
}

export interface GithubDeployWorkload extends Workload {
  readonly role: IamRole;
  readonly providerArn: string;
  readonly subject: string;
}

export function githubDeployWorkload(
  base: ScenarioBase,
  account: Account,
  options: GithubDeployOptions,
): GithubDeployWorkload {
  const own = base.rng.fork(`github-deploy/${account.alias}`);
  const region = account.homeRegion;
  const providerArn = `arn:aws:iam::${account.id}:oidc-provider/token.actions.githubusercontent.com`;
  const role = makeRole(
    own,
    account.id,
    'github-actions-deploy',
    providerArn,
    base.origin - 200 * DAY,
    '/ci/',
  );
  const subject = `repo:${options.repository}:environment:production`;
  const caller = webIdentity(providerArn, subject);
  const bucket = `${account.alias}-deploy-artifacts`;
  const stack = options.target.name;
  const perDay = options.buildsPerWeekday ?? 3;

  function build(r: Rng, start: number): TrailEvent[] {
    const ip = ipInAny(r, GITHUB_RUNNER_RANGES);
    const session = startSession(r, role, 'GitHubActions', start, {
      federatedProvider: providerArn,
    });
    const out: TrailEvent[] = [];
    let time = start;
    const at = (): CallContext => ({ rng: r, time, region, accountId: account.id });
    const cli = (command: string) =>
      actor(session.identity, ip, cliCommand(CLI_GITHUB_RUNNER, command));

    const web = actor(caller, ip, GITHUB_CONFIGURE_CREDENTIALS);
    out.push(
      emit(at(), web, assumeRoleWithWebIdentity(at(), session, providerArn, subject)),
    );
    time += r.int(1, 3) * SECOND;
    out.push(emit(at(), cli('sts.get-caller-identity'), getCallerIdentity(at())));
    time += r.int(40, 240) * SECOND;

    const sha = r.hex(20);
    const key = `${options.repository.split('/')[1] ?? 'app'}/${sha}.zip`;
    const upload = cli('s3.cp');
    const ctx = at();
    const kms = account.kmsKeyArn(region);
    out.push(emit(ctx, upload, putObject(ctx, bucket, key, r.int(2e6, 9e6), kms)));
    const viaS3 = serviceActor(session.identity, 's3.amazonaws.com');
    out.push(emit(ctx, viaS3, kmsGenerateDataKey(ctx, kms, s3KmsContext(bucket))));
    time += r.int(2, 6) * SECOND;

    const update = cli('lambda.update-function-code');
    out.push(emit(at(), update, updateFunctionCode(at(), options.target, bucket, key)));
    const polls = r.int(1, 4);
    for (let i = 0; i < polls; i++) {
      time += r.int(2, 5) * SECOND;
      out.push(emit(at(), cli('lambda.wait'), getFunction(at(), options.target)));
    }
    time += r.int(1, 4) * SECOND;
    const describe = cli('cloudformation.describe-stacks');
    out.push(emit(at(), describe, describeStacks(at(), stack)));
    return out;
  }

  return {
    name: `github-deploy:${role.name}`,
    accountId: account.id,
    principals: [role],
    accessKeys: [],
    expectedPerDay: (perDay * 5 * 9) / 7,
    role,
    providerArn,
    subject,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      const all = function* (): Generator<TrailEvent> {
        for (const day of days(span)) {
          const starts: number[] = [];
          const count = r.int(Math.max(0, perDay - 2), perDay + 2);
          for (let i = 0; i < count; i++) {
            const start = officeMoment(r, day, { fromHour: 8, toHour: 19 });
            if (start !== undefined) starts.push(start);
          }
          starts.sort((a, b) => a - b);
          for (const start of starts) {
            yield* pending.before(start);
            pending.add(build(r, start));
          }
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
