/**
 * The page's only door into the engine. Inside Electron it goes through the preload
 * bridge; in browser mode (`keytrail serve`) it posts to `/api/<operation>` on the same
 * origin, authenticated by the cookie the server set when the page was opened.
 */
import type {
  ApiResult,
  CaseInfo,
  OperationInput,
  OperationName,
  OperationOutput,
  Overview,
  QueryResult,
} from '../../../src/api/contract';

// The rest of the page takes the contract's types from here, so only this module reaches
// into src/.
export type { CaseInfo, OperationInput, Overview, QueryResult };

/** What the Electron preload script exposes as `window.keytrail`. */
export interface KeytrailBridge {
  call(operation: string, input: unknown): Promise<ApiResult<unknown>>;
}

declare global {
  interface Window {
    keytrail?: KeytrailBridge;
  }
}

/** An engine answer of `{ ok: false }`, or a transport that could not get one. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

type Transport = (
  operation: OperationName,
  input: unknown,
) => Promise<ApiResult<unknown>>;

const bridgeTransport: Transport = (operation, input) => {
  const bridge = window.keytrail;
  if (typeof bridge?.call !== 'function') throw new ApiError('unreachable', 'No bridge.');
  return bridge.call(operation, input);
};

const fetchTransport: Transport = async (operation, input) => {
  const response = await fetch(`/api/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (isApiResult(body)) return body;
  return {
    ok: false,
    error: {
      code: `http_${response.status}`,
      message: `The Keytrail server answered ${response.status} ${response.statusText}.`,
    },
  };
};

function pickTransport(): Transport {
  return typeof window.keytrail?.call === 'function' ? bridgeTransport : fetchTransport;
}

/** Calls one engine operation; resolves with its value or rejects with an ApiError. */
export async function callApi<K extends OperationName>(
  operation: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  let result: ApiResult<unknown>;
  try {
    result = await pickTransport()(operation, input);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('unreachable', 'Could not reach the Keytrail engine.');
  }
  if (!isApiResult(result)) {
    throw new ApiError(
      'bad_answer',
      'The Keytrail engine sent an answer the page cannot read.',
    );
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  // The contract names the value's type; the engine behind the door produced it.
  return result.value as OperationOutput<K>;
}

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
