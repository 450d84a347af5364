/**
 * The one IPC channel between the page and the engine. The page sends an operation name
 * and an input; `dispatch` validates both against the API contract. Before that, the
 * sender must be the main frame of our window showing our own page: a call from any
 * other frame, window or origin is refused.
 */
import type { IpcMain } from 'electron';
import type { ApiResult, KeytrailApi } from '../src/api/contract.js';
import { dispatch } from '../src/api/dispatch.js';
import { createLogger } from '../src/log/logger.js';
import { APP_URL_PREFIX } from './protocol.main.js';

export const IPC_CHANNEL = 'keytrail:call';

const log = createLogger('electron.ipc');

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** The parts of Electron's WebContents the sender check reads. */
export interface WebContentsLike {
  readonly mainFrame: FrameLike;
}

/** The parts of Electron's IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

/**
 * True only for our window's main frame showing a `keytrail://app/` page. The frame is
 * matched by process and routing id because Electron may hand out distinct WebFrameMain
 * objects for the same frame; `parent === null` alone would also match fenced frames.
 */
export function isTrustedSender(
  event: InvokeEventLike,
  ours: WebContentsLike | null,
): boolean {
  const frame = event.senderFrame;
  if (ours === null || frame === null) return false;
  if (event.sender !== ours) return false;
  if (!frame.url.startsWith(APP_URL_PREFIX)) return false;
  if (frame.parent !== null) return false;

  const main = ours.mainFrame;
  return frame.processId === main.processId && frame.routingId === main.routingId;
}

export interface CallHandlerDeps {
  /** The engine over the open case, or null while none is open. */
  getApi(): KeytrailApi | null;
  /** The webContents of our one window, or null before it exists. */
  getWebContents(): WebContentsLike | null;
}

export type CallHandler = (
  event: InvokeEventLike,
  operation: unknown,
  input: unknown,
) => Promise<ApiResult<unknown>>;

export function createCallHandler(deps: CallHandlerDeps): CallHandler {
  return async (event, operation, input) => {
    if (!isTrustedSender(event, deps.getWebContents())) {
      log.warn('refused IPC call from an untrusted sender', {
        url: event.senderFrame?.url ?? null,
      });
      return {
        ok: false,
        error: { code: 'forbidden', message: 'This page may not call Keytrail.' },
      };
    }

    const api = deps.getApi();
    if (api === null) {
      return {
        ok: false,
        error: { code: 'no_case', message: 'No case is open. Use File > Open Case.' },
      };
    }
    return dispatch(api, operation, input);
  };
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handler: CallHandler,
): void {
  ipcMain.handle(IPC_CHANNEL, (event, operation: unknown, input: unknown) =>
    handler(event, operation, input),
  );
}
