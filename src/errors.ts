/**
 * Expected failures are values with a stable `code` and a message a responder can act
 * on; bugs throw ordinary errors. Codes are part of the CLI and API contract.
 */
export type ErrorCode =
  | 'usage'
  | 'not_found'
  | 'case_locked'
  | 'case_damaged'
  | 'case_too_new'
  | 'invalid_input'
  | 'query_not_read_only'
  | 'query_failed'
  | 'cancelled'
  | 'io_error'
  | 'empty_file'
  | 'binary_file'
  | 'bad_gzip'
  | 'bad_archive'
  | 'decompression_bomb'
  | 'record_too_large'
  | 'invalid_json'
  | 'unknown_format'
  | 'bad_encoding'
  | 'no_case'
  | 'forbidden'
  | 'internal';

export interface KeytrailErrorInfo {
  code: ErrorCode;
  message: string;
}

export class KeytrailError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeytrailError';
    this.code = code;
  }

  toInfo(): KeytrailErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** What travels across the page/engine boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: KeytrailErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Turns anything thrown into the error half of a Result, hiding bug details. */
export function toErrorInfo(err: unknown): KeytrailErrorInfo {
  if (err instanceof KeytrailError) return err.toInfo();
  return {
    code: 'internal',
    message: 'Internal error; see the Keytrail log for details.',
  };
}
