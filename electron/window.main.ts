/**
 * The one Keytrail window. Its web preferences are the security boundary between the
 * page (which renders attacker-controlled strings from evidence) and the machine, so
 * they are built in one place and asserted by a test.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { createLogger } from '../src/log/logger.js';
import { APP_INDEX_URL } from './protocol.main.js';
import { hardenWebContents } from './security.main.js';

const log = createLogger('electron.window');

export interface WindowOptions {
  /** Absolute path of the compiled preload, `dist/electron/preload.cjs`. */
  preloadPath: string;
  /** Off in packaged builds. */
  devTools: boolean;
}

export function windowWebPreferences(options: WindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.devTools,
  };
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Keytrail',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: windowWebPreferences(options),
  });

  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_INDEX_URL).catch((err: unknown) => {
    log.error('the page failed to load', { err: String(err) });
  });
  return window;
}
