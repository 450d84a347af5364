import { toErrorInfo } from '../errors.js';
import { createLogger } from '../log/logger.js';
import {
  OPERATION_NAMES,
  operationInputs,
  type ApiResult,
  type KeytrailApi,
  type OperationName,
} from './contract.js';

const log = createLogger('api');

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (OPERATION_NAMES as string[]).includes(name);
}

/**
 * The one door every adapter (IPC, HTTP) goes through: checks the operation name and
 * validates the input against its schema before the engine sees it, and turns every
 * outcome into an ApiResult. Unexpected errors are logged and reported without details.
 */
export async function dispatch(
  api: KeytrailApi,
  name: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'invalid_input', message: 'Unknown operation.' } };
  }
  const parsed = operationInputs[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'input';
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid ${where}: ${issue?.message ?? 'bad value'}`,
      },
    };
  }
  try {
    const operation = api[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await operation(parsed.data) };
  } catch (err) {
    const info = toErrorInfo(err);
    if (info.code === 'internal')
      log.error('operation failed', { operation: name, err: String(err) });
    return { ok: false, error: info };
  }
}
