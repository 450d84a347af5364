/**
 * AWS Management Console sign-in (CloudTrail "console sign-in events"): eventType
 * AwsConsoleSignIn, no requestID, no access key in the identity, the outcome in
 * responseElements and MFA use in additionalEventData.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import type { IamUser } from './aws-principals.js';
import type { JsonObject } from './cloudtrail-record.js';

export function consoleLogin(
  ctx: CallContext,
  user: IamUser,
  mfaDevice?: string,
): ApiCall {
  const state = `hashArgsFromTB_${ctx.region}_${ctx.rng.hex(8)}`;
  const loginTo = `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=${state}`;
  const additionalEventData: JsonObject = mfaDevice
    ? {
        LoginTo: loginTo,
        MobileVersion: 'No',
        MFAIdentifier: `arn:aws:iam::${user.accountId}:mfa/${mfaDevice}`,
        MFAUsed: 'Yes',
      }
    : { LoginTo: loginTo, MobileVersion: 'No', MFAUsed: 'No' };
  return {
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    readOnly: false,
    managementEvent: true,
    host: `${ctx.region}.signin.aws.amazon.com`,
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData,
    requestID: undefined,
    eventType: 'AwsConsoleSignIn',
  };
}
