/**
 * The morning after: an administrator signs in to the console, turns the trail back on,
 * removes the backdoor user and rotates the ETL job's key. Until StartLogging lands the
 * trail is off, so the caller drops this session's sign-in along with everything else in
 * the gap.
 */
import {
  actor,
  emit,
  type ApiCall,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import {
  consoleIdentity,
  makeAccessKey,
  signInIdentity,
  type AccessKey,
} from './aws-principals.js';
import * as iam from './calls-iam.js';
import { lookupEvents, startLogging } from './calls-ops.js';
import { consoleLogin } from './calls-signin.js';
import { SECOND } from './clock.js';
import type { Rng } from './random.js';
import { AWS_INTERNAL } from './user-agents.js';
import type { Account } from './account.js';
import type { Person } from './workload-console.js';

export interface ResponseInput {
  rng: Rng;
  account: Account;
  responder: Person;
  start: number;
  stolenKey: AccessKey;
  backdoorKey: AccessKey;
  backdoorPolicyArn: string;
}

export interface IncidentResponse {
  events: TrailEvent[];
  restoredLoggingAt: number;
  /** The key the ETL job gets instead of the stolen one. */
  replacementKey: AccessKey;
}

export function incidentResponse(input: ResponseInput): IncidentResponse {
  const { rng: r, account, responder } = input;
  const events: TrailEvent[] = [];
  let time = input.start;
  const at = (region: string): CallContext => ({
    rng: r,
    time,
    region,
    accountId: account.id,
  });

  const signIn = at('us-east-1');
  const browser = actor(
    signInIdentity(responder.user),
    responder.officeIp,
    responder.browser,
  );
  events.push(
    emit(signIn, browser, consoleLogin(signIn, responder.user, responder.mfaDevice)),
  );
  const identity = consoleIdentity(r, responder.user, input.start, true);
  const viaConsole = actor(identity, responder.officeIp, AWS_INTERNAL, {
    fromConsole: true,
  });
  const click = (build: (ctx: CallContext) => ApiCall, region = iam.IAM_REGION) => {
    time += r.int(8, 70) * SECOND;
    const ctx = at(region);
    events.push(emit(ctx, viaConsole, build(ctx)));
    return ctx.time;
  };

  const restoredLoggingAt = click(
    (ctx) => startLogging(ctx, account.trailArn),
    account.homeRegion,
  );
  click(lookupEvents, account.homeRegion);
  click(lookupEvents, account.homeRegion);
  const backdoor = input.backdoorKey;
  click(iam.listUsers);
  click((ctx) => iam.listAccessKeys(ctx, backdoor.user.name));
  click((ctx) => iam.listAttachedUserPolicies(ctx, backdoor.user.name));
  click((ctx) => iam.detachUserPolicy(ctx, backdoor.user.name, input.backdoorPolicyArn));
  click((ctx) => iam.updateAccessKey(ctx, backdoor, 'Inactive'));
  click((ctx) => iam.deleteAccessKey(ctx, backdoor));
  click((ctx) => iam.deleteUser(ctx, backdoor.user.name));
  click((ctx) => iam.listAccessKeys(ctx, input.stolenKey.user.name));
  click((ctx) => iam.updateAccessKey(ctx, input.stolenKey, 'Inactive'));
  let replacementKey: AccessKey | undefined;
  click((ctx) => {
    replacementKey = makeAccessKey(r, input.stolenKey.user, ctx.time);
    return iam.createAccessKey(ctx, replacementKey);
  });
  if (!replacementKey) throw new Error('replacement key was not created');
  return { events, restoredLoggingAt, replacementKey };
}
