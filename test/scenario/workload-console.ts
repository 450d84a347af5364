/**
 * People using the AWS console from the office on weekdays: an IAM user signs in with
 * MFA, then the console calls APIs with short-lived keys for a while (read-mostly
 * browsing, flagged `sessionCredentialFromConsole`).
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  type ApiCall,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { OFFICE_RANGE, ipIn } from './aws-network.js';
import {
  consoleIdentity,
  makeUser,
  signInIdentity,
  type IamUser,
} from './aws-principals.js';
import { describeStacks, listFunctions, lookupEvents } from './calls-ops.js';
import { ec2Describe } from './calls-ec2.js';
import { IAM_REGION, getAccountSummary, listRoles, listUsers } from './calls-iam.js';
import { listBuckets } from './calls-s3.js';
import { consoleLogin } from './calls-signin.js';
import { DAY, SECOND } from './clock.js';
import { weightedTable, type Rng } from './random.js';
import { days, officeMoment } from './schedule.js';
import {
  AWS_INTERNAL,
  BROWSER_CHROME_MAC,
  BROWSER_FIREFOX_WINDOWS,
} from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface Person {
  user: IamUser;
  mfaDevice: string;
  browser: string;
  officeIp: string;
  /** Chance of a console session on a weekday. */
  presence: number;
}

export interface ConsoleWorkload extends Workload {
  readonly people: readonly Person[];
}

type ConsoleCall = (ctx: CallContext) => ApiCall;

const PAGES = weightedTable<readonly [ConsoleCall, boolean]>([
  [[(ctx) => ec2Describe(ctx, 'DescribeInstances'), false], 5],
  [[(ctx) => ec2Describe(ctx, 'DescribeSecurityGroups'), false], 2],
  [[listBuckets, false], 3],
  [[lookupEvents, false], 2],
  [[listFunctions, false], 2],
  [[(ctx) => describeStacks(ctx, 'orders-processor'), false], 1],
  [[listUsers, true], 1],
  [[listRoles, true], 1],
  [[getAccountSummary, true], 1],
]);

export function consoleWorkload(
  base: ScenarioBase,
  account: Account,
  names: readonly string[] = ['dana.lee', 'omar.haddad'],
): ConsoleWorkload {
  const own = base.rng.fork(`console/${account.alias}`);
  const people: Person[] = names.map((name, i) => ({
    user: makeUser(own, account.id, name, base.origin - (500 - 60 * i) * DAY),
    mfaDevice: `${name}-phone`,
    browser: i % 2 === 0 ? BROWSER_CHROME_MAC : BROWSER_FIREFOX_WINDOWS,
    officeIp: ipIn(own, OFFICE_RANGE),
    presence: 0.7 - 0.2 * (i % 2),
  }));

  function session(r: Rng, person: Person, start: number): TrailEvent[] {
    const out: TrailEvent[] = [];
    let time = start;
    const at = (region: string): CallContext => ({
      rng: r,
      time,
      region,
      accountId: account.id,
    });
    const login = actor(signInIdentity(person.user), person.officeIp, person.browser);
    const signIn = at('us-east-1');
    out.push(emit(signIn, login, consoleLogin(signIn, person.user, person.mfaDevice)));

    const identity = consoleIdentity(r, person.user, start, true);
    const internal = actor(identity, person.officeIp, AWS_INTERNAL, {
      fromConsole: true,
    });
    const browser = actor(identity, person.officeIp, person.browser, {
      fromConsole: true,
    });
    const clicks = r.int(4, 18);
    for (let i = 0; i < clicks; i++) {
      time += r.int(4, 240) * SECOND;
      const [page, global] = r.weighted(PAGES);
      const ctx = at(global ? IAM_REGION : account.homeRegion);
      out.push(emit(ctx, r.chance(0.7) ? internal : browser, page(ctx)));
    }
    return out;
  }

  return {
    name: `console:${account.alias}`,
    accountId: account.id,
    principals: people.map((p) => p.user),
    accessKeys: [],
    expectedPerDay: (people.reduce((sum, p) => sum + p.presence, 0) * 12 * 5) / 7,
    people,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      const all = function* (): Generator<TrailEvent> {
        for (const day of days(span)) {
          const starts: [number, Person][] = [];
          for (const person of people) {
            if (!r.chance(person.presence)) continue;
            const start = officeMoment(r, day, { fromHour: 8, toHour: 17 });
            if (start !== undefined) starts.push([start, person]);
          }
          starts.sort((a, b) => a[0] - b[0]);
          for (const [start, person] of starts) {
            yield* pending.before(start);
            pending.add(session(r, person, start));
          }
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
