/**
 * The Electron main process: one window over one open case. `startApp` does everything
 * with side effects, so tests can import this module (with a fake `electron`) without
 * launching anything. `main.ts` is the entry that calls it.
 *
 * Not yet handled: a second Keytrail opening the same case gets DuckDB's lock error
 * (`case_locked`) instead of focusing the first window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type BrowserWindow,
  type OpenDialogOptions,
} from 'electron';
import type { KeytrailApi } from '../src/api/contract.js';
import { createEngineApi } from '../src/api/engine-api.js';
import { toErrorInfo } from '../src/errors.js';
import { createLogger } from '../src/log/logger.js';
import { CASE_DB_FILE, CaseStore } from '../src/store/case-store.js';
import { createCallHandler, registerIpc } from './ipc.main.js';
import { menuTemplate } from './menu.main.js';
import { handleAppProtocol, registerAppScheme } from './protocol.main.js';
import { hardenSession, hardenWebContents } from './security.main.js';
import { createMainWindow } from './window.main.js';

const log = createLogger('electron.app');

// Compiled layout: dist/electron/{main,app.main}.js, dist/electron/preload.cjs and the
// Vite output in dist/renderer/ (see renderer/vite.config.ts).
const here = path.dirname(fileURLToPath(import.meta.url));
export const PRELOAD_PATH = path.join(here, 'preload.cjs');
export const RENDERER_ROOT = path.join(here, '..', 'renderer');

/** The folder given as `--case <dir>` or `--case=<dir>`, if any. */
export function caseDirFromArgv(argv: readonly string[]): string | null {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--case') {
      const next = argv[i + 1];
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : null;
    }
    if (arg.startsWith('--case=')) return arg.slice('--case='.length) || null;
  }
  return null;
}

interface OpenCase {
  store: CaseStore;
  api: KeytrailApi;
}

export interface AppHandle {
  /** Settles once the window is up, or the app has decided to quit. */
  ready: Promise<void>;
}

export function startApp(argv: readonly string[] = process.argv): AppHandle {
  const devTools = !app.isPackaged;
  let current: OpenCase | null = null;
  let mainWindow: BrowserWindow | null = null;

  // Both must happen before `ready`: Chromium fixes sandboxing and scheme privileges at
  // startup.
  app.enableSandbox();
  registerAppScheme(protocol);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    current?.store.close();
    current = null;
  });

  async function chooseCaseDir(): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: 'Open a Keytrail case folder',
      buttonLabel: 'Open Case',
      properties: ['openDirectory', 'createDirectory'],
    };
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    const dir = result.filePaths[0];
    if (result.canceled || dir === undefined) return null;
    return (await confirmNewCase(dir)) ? dir : null;
  }

  /** Opening a non-empty folder that holds no case would write a case into it: ask. */
  async function confirmNewCase(dir: string): Promise<boolean> {
    if (fs.existsSync(path.join(dir, CASE_DB_FILE))) return true;
    if (fs.readdirSync(dir).length === 0) return true;
    const answer = await dialog.showMessageBox({
      type: 'question',
      message: 'This folder is not a Keytrail case.',
      detail: `Create a new case in ${dir}? Keytrail will add ${CASE_DB_FILE} and an evidence folder.`,
      buttons: ['Create Case', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    return answer.response === 0;
  }

  /**
   * Opens `dir` and makes it the current case; the previous case is closed only once the
   * new one is open. A call still running on the previous case when it closes fails
   * with an internal error, which the page shows like any other.
   */
  async function openCase(dir: string): Promise<boolean> {
    if (current !== null && path.resolve(dir) === current.store.dir) return true;
    let store: CaseStore;
    try {
      store = await CaseStore.open(dir);
    } catch (err) {
      const info = toErrorInfo(err);
      if (info.code === 'internal') {
        log.error('cannot open case', { dir, err: String(err) });
      }
      dialog.showErrorBox('Keytrail cannot open this case', info.message);
      return false;
    }
    const previous = current;
    current = { store, api: createEngineApi(store) };
    previous?.store.close();
    log.info('opened case', { dir: store.dir });
    return true;
  }

  async function openCaseFromMenu(): Promise<void> {
    const dir = await chooseCaseDir();
    if (dir === null || !(await openCase(dir))) return;
    mainWindow?.webContents.reload();
  }

  async function onReady(): Promise<void> {
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, RENDERER_ROOT);
    registerIpc(
      ipcMain,
      createCallHandler({
        getApi: () => current?.api ?? null,
        getWebContents: () => mainWindow?.webContents ?? null,
      }),
    );
    const template = menuTemplate(
      {
        openCase: () => {
          openCaseFromMenu().catch((err: unknown) => {
            log.error('open case failed', { err: String(err) });
            dialog.showErrorBox('Keytrail cannot open this case', String(err));
          });
        },
      },
      { platform: process.platform, devTools },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));

    const dir = caseDirFromArgv(argv) ?? (await chooseCaseDir());
    if (dir === null || !(await openCase(dir))) {
      app.quit();
      return;
    }

    mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, devTools });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  }

  const ready = app
    .whenReady()
    .then(onReady)
    .catch((err: unknown) => {
      log.error('startup failed', { err: String(err) });
      dialog.showErrorBox('Keytrail could not start', String(err));
      app.exit(1);
    });

  return { ready };
}
