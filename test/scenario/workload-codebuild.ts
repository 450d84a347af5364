/**
 * CodeBuild in a tooling account deploying into another account. codebuild.amazonaws.com
 * assumes the project's service role for each build; the build then assumes a deployer
 * role across accounts. That AssumeRole is delivered to both accounts' trails as two
 * records with different eventIDs and one sharedEventID.
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  serviceActor,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { awsRanges, ipInAny } from './aws-network.js';
import {
  makeRole,
  serviceIdentity,
  startSession,
  type IamRole,
} from './aws-principals.js';
import { assumeRole, stsHost } from './calls-sts.js';
import { putObject } from './calls-s3.js';
import { getParameter, kmsGenerateDataKey, s3KmsContext } from './calls-secrets.js';
import { describeStacks } from './calls-ops.js';
import { DAY, SECOND } from './clock.js';
import type { Rng } from './random.js';
import { days, officeMoment } from './schedule.js';
import { CLI_CODEBUILD, cliCommand } from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface CodeBuildWorkload extends Workload {
  readonly serviceRole: IamRole;
  readonly deployerRole: IamRole;
}

const CODEBUILD = 'codebuild.amazonaws.com';

export function codeBuildWorkload(
  base: ScenarioBase,
  tooling: Account,
  target: Account,
  buildsPerWeekday = 5,
): CodeBuildWorkload {
  const own = base.rng.fork(`codebuild/${tooling.alias}/${target.alias}`);
  const project = `${target.alias}-deploy`;
  const created = base.origin - 250 * DAY;
  const serviceRole = makeRole(
    own,
    tooling.id,
    `codebuild-${project}-service-role`,
    CODEBUILD,
    created,
    '/service-role/',
  );
  const deployerRole = makeRole(
    own,
    target.id,
    'tooling-deployer',
    serviceRole.arn,
    created,
    '/ci/',
  );
  const codebuild = actor(serviceIdentity(CODEBUILD), CODEBUILD, CODEBUILD, {
    viaService: true,
  });
  const bucket = `${target.alias}-deploy-artifacts`;

  function build(r: Rng, start: number): TrailEvent[] {
    const out: TrailEvent[] = [];
    let time = start;
    const ctxIn = (account: Account): CallContext => ({
      rng: r,
      time,
      region: account.homeRegion,
      accountId: account.id,
    });

    const buildId = r.uuidV4();
    const buildSession = startSession(r, serviceRole, `AWSCodeBuild-${buildId}`, time);
    out.push(emit(ctxIn(tooling), codebuild, assumeRole(ctxIn(tooling), buildSession)));
    time += r.int(20, 90) * SECOND;

    // The cross-account call: same request, one record per account.
    const ip = ipInAny(r, awsRanges(tooling.homeRegion));
    const cli = (session: typeof buildSession, command: string) =>
      actor(session.identity, ip, cliCommand(CLI_CODEBUILD, command));
    const deploySession = startSession(
      r,
      deployerRole,
      `codebuild-${buildId.slice(0, 8)}`,
      time,
    );
    const shared = {
      sharedEventID: r.uuidV4(),
      host: stsHost(tooling.homeRegion),
      durationSeconds: 3600,
    };
    const call = assumeRole(ctxIn(tooling), deploySession, shared);
    const caller = cli(buildSession, 'sts.assume-role');
    out.push(emit(ctxIn(tooling), caller, call));
    out.push(emit({ ...ctxIn(target), region: tooling.homeRegion }, caller, call));
    time += r.int(2, 8) * SECOND;

    const region = target.homeRegion;
    const ctx = ctxIn(target);
    const param = `/${target.alias}/orders-processor/release`;
    out.push(
      emit(ctx, cli(deploySession, 'ssm.get-parameter'), getParameter(ctx, param)),
    );
    time += r.int(2, 10) * SECOND;
    const key = `releases/${r.hex(20)}.zip`;
    const upload = ctxIn(target);
    const kms = target.kmsKeyArn(region);
    out.push(
      emit(
        upload,
        cli(deploySession, 's3.cp'),
        putObject(upload, bucket, key, r.int(2e6, 9e6), kms),
      ),
    );
    const viaS3 = serviceActor(deploySession.identity, 's3.amazonaws.com');
    out.push(emit(upload, viaS3, kmsGenerateDataKey(upload, kms, s3KmsContext(bucket))));
    const polls = r.int(2, 5);
    for (let i = 0; i < polls; i++) {
      time += r.int(10, 30) * SECOND;
      const poll = ctxIn(target);
      out.push(
        emit(
          poll,
          cli(deploySession, 'cloudformation.describe-stacks'),
          describeStacks(poll, project),
        ),
      );
    }
    return out;
  }

  return {
    name: `codebuild:${project}`,
    accountId: tooling.id,
    principals: [serviceRole, deployerRole],
    accessKeys: [],
    expectedPerDay: (buildsPerWeekday * 9.5 * 5) / 7,
    serviceRole,
    deployerRole,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      const all = function* (): Generator<TrailEvent> {
        for (const day of days(span)) {
          const starts: number[] = [];
          const count = r.int(Math.max(0, buildsPerWeekday - 3), buildsPerWeekday + 3);
          for (let i = 0; i < count; i++) {
            const start = officeMoment(r, day, { fromHour: 7, toHour: 20 });
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
