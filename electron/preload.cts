/**
 * The page's only bridge to the main process: one function, `window.keytrail.call`,
 * that sends an operation name and its input over the `keytrail:call` channel. The raw
 * `ipcRenderer` is never exposed. Sandboxed preloads are CommonJS and may require only
 * `electron`, so this file imports nothing else (the channel name is repeated here and
 * in ipc.main.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'keytrail:call';

contextBridge.exposeInMainWorld('keytrail', {
  call: (operation: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_CHANNEL, String(operation), input),
});
