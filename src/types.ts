/** Distinct names for values that are easy to confuse (see STYLE.md). */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Stable id of one audit event, e.g. `cloudtrail:<eventID>`. */
export type EventUid = Brand<string, 'EventUid'>;
/** A principal: an IAM user or role ARN, `azure:sp:<objectId>`, ... */
export type IdentityId = Brand<string, 'IdentityId'>;
/** Row id of one evidence file in `evidence_files`. */
export type FileId = Brand<number, 'FileId'>;
/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = Brand<number, 'EpochMs'>;
/** An ISO-8601 timestamp string in UTC, e.g. `2024-08-01T13:33:28Z`. */
export type IsoTime = Brand<string, 'IsoTime'>;
