/**
 * Identifiers in the shapes AWS issues them. IAM unique ids and access key ids are a
 * four-letter prefix plus base32 (A–Z, 2–7): AIDA user, AROA role, AKIA long-term key,
 * ASIA temporary key (see IAM "Unique identifiers").
 */
import { ALNUM_UPPER, BASE32_UPPER, BASE64, type Rng } from './random.js';

export function accountId(rng: Rng): string {
  return `${rng.int(1, 9)}${rng.chars('0123456789', 11)}`;
}

/** `AIDA…` for users, `AROA…` for roles: 21 characters. */
export function uniqueId(rng: Rng, prefix: 'AIDA' | 'AROA' | 'ANPA'): string {
  return prefix + rng.chars(BASE32_UPPER, 17);
}

/** `AKIA…` long-term or `ASIA…` temporary key id: 20 characters. */
export function accessKeyId(rng: Rng, prefix: 'AKIA' | 'ASIA'): string {
  return prefix + rng.chars(BASE32_UPPER, 16);
}

/** S3's `requestID` (16 upper-case alphanumerics), e.g. `8XJ2R7QK4T1M0ZBA`. */
export function s3RequestId(rng: Rng): string {
  return rng.chars(ALNUM_UPPER, 16);
}

/** S3's extended request id (`x-amz-id-2`): 76 base64 characters. */
export function amzId2(rng: Rng): string {
  return rng.chars(BASE64, 76);
}

/**
 * A session token blob. Real ones are opaque base64 of several hundred characters starting
 * with `IQoJb3JpZ2luX2Vj` (`!\n\torigin_ec`); CloudTrail logs them in AssumeRole responses.
 */
export function sessionToken(rng: Rng): string {
  return 'IQoJb3JpZ2luX2Vj' + rng.chars(BASE64, 4 * rng.int(100, 170));
}

export function ec2InstanceId(rng: Rng): string {
  return `i-0${rng.hex(8)}`;
}

export function vpcEndpointId(rng: Rng): string {
  return `vpce-0${rng.hex(8)}`;
}

/** ECS task ids are 32 lowercase hex characters. */
export function ecsTaskId(rng: Rng): string {
  return rng.hex(16);
}

/** The random tail AWS appends to secret ARNs, e.g. `-4Rzn83`. */
export function secretSuffix(rng: Rng): string {
  return rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 6);
}
