import { describe, expect, it } from 'vitest';
import { makeAccount } from './account.js';
import { actor, denied, emit, type CallContext, type TrailEvent } from './aws-call.js';
import {
  consoleIdentity,
  keyIdentity,
  makeAccessKey,
  makeRole,
  makeUser,
  rootIdentity,
  serviceIdentity,
  startSession,
} from './aws-principals.js';
import { ec2Describe } from './calls-ec2.js';
import { attachUserPolicy, createAccessKey, createUser } from './calls-iam.js';
import { getObject, listObjects, putObject } from './calls-s3.js';
import { consoleLogin } from './calls-signin.js';
import { assumeRole } from './calls-sts.js';
import { utc } from './clock.js';
import { buildRecord } from './cloudtrail-record.js';
import { buildDemo } from './demo.js';
import { Rng } from './random.js';
import { recordJson } from './record-json.js';

const T0 = utc('2025-03-03T10:00:00Z');
const rng = new Rng('record-test');
const account = makeAccount(rng, 'test-prod', ['us-east-1']);
const ctx = (region = 'us-east-1'): CallContext => ({
  rng,
  time: T0,
  region,
  accountId: account.id,
});
const user = makeUser(rng, account.id, 'etl', T0 - 1e9, '/service/');
const key = makeAccessKey(rng, user, T0 - 1e9);
const role = makeRole(
  rng,
  account.id,
  'app-role',
  'ecs-tasks.amazonaws.com',
  T0 - 1e9,
  '/ai/',
);
const session = startSession(rng, role, 'task-1', T0);

/** What every record carries, in AWS's order (optional fields omitted). */
const CORE_ORDER = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'requestParameters',
  'responseElements',
  'eventID',
  'readOnly',
  'eventType',
  'managementEvent',
  'recipientAccountId',
  'eventCategory',
];

function parsed(event: TrailEvent): Record<string, unknown> {
  return JSON.parse(recordJson(event.record)) as Record<string, unknown>;
}

describe('CloudTrail records', () => {
  it('serialize with eventVersion first and the core fields in AWS order', () => {
    const event = emit(
      ctx(),
      actor(keyIdentity(key), '3.80.1.2', 'ua'),
      getObject(ctx(), 'b', 'k', 10),
    );
    const keys = Object.keys(parsed(event));
    expect(keys[0]).toBe('eventVersion');
    const core = keys.filter((k) => CORE_ORDER.includes(k));
    expect(core).toEqual(CORE_ORDER);
    expect(keys.indexOf('additionalEventData')).toBe(
      keys.indexOf('responseElements') + 1,
    );
    expect(keys.indexOf('resources')).toBe(keys.indexOf('readOnly') + 1);
    expect(keys.at(-1)).toBe('tlsDetails');
  });

  it('carry errorCode and errorMessage only on failures, right after userAgent', () => {
    const caller = actor(keyIdentity(key), '3.80.1.2', 'ua');
    const ok = parsed(emit(ctx(), caller, ec2Describe(ctx(), 'DescribeInstances')));
    expect(ok).not.toHaveProperty('errorCode');
    expect(ok).not.toHaveProperty('errorMessage');
    const call = denied(
      ec2Describe(ctx(), 'DescribeInstances'),
      caller,
      'ec2:DescribeInstances',
    );
    const failed = parsed(emit(ctx(), caller, call));
    const keys = Object.keys(failed);
    expect(
      keys.slice(keys.indexOf('userAgent') + 1, keys.indexOf('userAgent') + 3),
    ).toEqual(['errorCode', 'errorMessage']);
    expect(failed.errorCode).toBe('Client.UnauthorizedOperation');
    expect(failed.errorMessage).toContain(user.arn);
    expect(failed.responseElements).toBeNull();
  });

  it('build the userIdentity shapes AWS writes', () => {
    expect(keyIdentity(key)).toEqual({
      type: 'IAMUser',
      principalId: user.userId,
      arn: `arn:aws:iam::${account.id}:user/service/etl`,
      accountId: account.id,
      accessKeyId: key.accessKeyId,
      userName: 'etl',
    });
    expect(user.userId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(key.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);

    const assumed = session.identity;
    expect(assumed).toMatchObject({
      type: 'AssumedRole',
      principalId: `${role.roleId}:task-1`,
      arn: `arn:aws:sts::${account.id}:assumed-role/app-role/task-1`,
      accountId: account.id,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: role.roleId,
          arn: `arn:aws:iam::${account.id}:role/ai/app-role`,
          accountId: account.id,
          userName: 'app-role',
        },
        webIdFederationData: {},
        attributes: { creationDate: '2025-03-03T10:00:00Z', mfaAuthenticated: 'false' },
      },
    });
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(role.roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(serviceIdentity('lambda.amazonaws.com')).toEqual({
      type: 'AWSService',
      invokedBy: 'lambda.amazonaws.com',
    });
    expect(JSON.parse(JSON.stringify(rootIdentity(account.id)))).toEqual({
      type: 'Root',
      principalId: account.id,
      arn: `arn:aws:iam::${account.id}:root`,
      accountId: account.id,
    });
  });

  it('log S3 object calls as data events with bucket, key and resources', () => {
    const caller = actor(session.identity, '10.0.0.1', 'ua');
    const get = parsed(emit(ctx(), caller, getObject(ctx(), 'bkt', 'a/b.json', 1234)));
    expect(get).toMatchObject({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      managementEvent: false,
      eventCategory: 'Data',
      readOnly: true,
      requestParameters: {
        bucketName: 'bkt',
        Host: 'bkt.s3.us-east-1.amazonaws.com',
        key: 'a/b.json',
      },
      additionalEventData: { bytesTransferredOut: 1234 },
      resources: [
        { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::bkt/a/b.json' },
        { accountId: account.id, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::bkt' },
      ],
    });
    expect(get.requestID).toMatch(/^[A-Z0-9]{16}$/);
    const put = parsed(emit(ctx(), caller, putObject(ctx(), 'bkt', 'k', 5)));
    expect(put).toMatchObject({ eventName: 'PutObject', readOnly: false });
    const list = parsed(emit(ctx(), caller, listObjects(ctx(), 'bkt', 'a/')));
    expect(list).toMatchObject({
      eventName: 'ListObjects',
      requestParameters: { 'list-type': '2', prefix: 'a/' },
    });
  });

  it('echo new credentials in AssumeRole and CreateAccessKey responses', () => {
    const lambda = actor(
      serviceIdentity('lambda.amazonaws.com'),
      'lambda.amazonaws.com',
      'lambda.amazonaws.com',
      {
        viaService: true,
      },
    );
    const assumed = parsed(emit(ctx(), lambda, assumeRole(ctx(), session)));
    expect(assumed).toMatchObject({
      eventName: 'AssumeRole',
      requestParameters: { roleArn: role.arn, roleSessionName: 'task-1' },
      responseElements: {
        credentials: { accessKeyId: session.accessKeyId },
        assumedRoleUser: { assumedRoleId: `${role.roleId}:task-1` },
      },
      resources: [{ type: 'AWS::IAM::Role', ARN: role.arn }],
    });
    expect(assumed).not.toHaveProperty('tlsDetails');

    const admin = actor(keyIdentity(key), '3.80.1.2', 'ua');
    const created = makeUser(rng, account.id, 'svc-backup', T0);
    const newKey = makeAccessKey(rng, created, T0);
    const c1 = parsed(emit(ctx(), admin, createUser(ctx(), created)));
    expect(c1).toMatchObject({
      responseElements: { user: { userName: 'svc-backup', userId: created.userId } },
    });
    const c2 = parsed(emit(ctx(), admin, createAccessKey(ctx(), newKey)));
    expect(c2).toMatchObject({
      responseElements: {
        accessKey: {
          accessKeyId: newKey.accessKeyId,
          status: 'Active',
          createDate: 'Mar 3, 2025 10:00:00 AM',
        },
      },
    });
    const policy = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const c3 = parsed(emit(ctx(), admin, attachUserPolicy(ctx(), 'svc-backup', policy)));
    expect(c3).toMatchObject({
      requestParameters: { userName: 'svc-backup', policyArn: policy },
      responseElements: null,
    });
  });

  it('write console sign-in without requestID and console calls with their flag', () => {
    const person = makeUser(rng, account.id, 'dana', T0 - 1e9);
    const login = parsed(
      emit(
        ctx(),
        actor(keyIdentity(key), '81.2.69.170', 'Mozilla'),
        consoleLogin(ctx(), person, 'dana-phone'),
      ),
    );
    expect(login).toMatchObject({
      eventType: 'AwsConsoleSignIn',
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'Yes' },
    });
    expect(login).not.toHaveProperty('requestID');
    const browsing = actor(
      consoleIdentity(rng, person, T0, true),
      '81.2.69.170',
      'AWS Internal',
      {
        fromConsole: true,
      },
    );
    const call = parsed(emit(ctx(), browsing, ec2Describe(ctx(), 'DescribeInstances')));
    expect(Object.keys(call).at(-1)).toBe('sessionCredentialFromConsole');
  });

  it('serialize byte-for-byte like JSON.stringify', () => {
    const demo = buildDemo();
    let checked = 0;
    for (const stream of demo.streams()) {
      for (let step = stream.events.next(); !step.done; step = stream.events.next()) {
        expect(recordJson(step.value.record)).toBe(JSON.stringify(step.value.record));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('average one to two kilobytes per record', () => {
    const demo = buildDemo();
    let bytes = 0;
    let count = 0;
    for (const stream of demo.streams()) {
      for (let step = stream.events.next(); !step.done; step = stream.events.next()) {
        bytes += recordJson(step.value.record).length;
        count++;
      }
    }
    expect(bytes / count).toBeGreaterThan(1000);
    expect(bytes / count).toBeLessThan(2000);
  });

  it('omit optional fields rather than writing null', () => {
    const record = buildRecord({
      identity: keyIdentity(key),
      time: T0,
      eventSource: 'sts.amazonaws.com',
      eventName: 'GetCallerIdentity',
      awsRegion: 'us-east-1',
      sourceIPAddress: '3.80.1.2',
      userAgent: 'ua',
      requestParameters: null,
      responseElements: null,
      requestID: 'r',
      eventID: 'e',
      readOnly: true,
      managementEvent: true,
      recipientAccountId: account.id,
    });
    const text = JSON.stringify(record);
    for (const absent of [
      'errorCode',
      'sharedEventID',
      'vpcEndpointId',
      'resources',
      'tlsDetails',
    ]) {
      expect(text).not.toContain(`"${absent}"`);
    }
  });
});
