import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseDirFromArgv, PRELOAD_PATH, startApp } from '../../electron/app.main.js';
import { menuTemplate } from '../../electron/menu.main.js';
import { CASE_DB_FILE } from '../../src/store/case-store.js';
import { tempDir } from '../helpers/temp-case.js';
import {
  app,
  BrowserWindow,
  calls,
  dialog,
  ipcMain,
  Menu,
  protocol,
  resetFake,
  session,
} from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let dirs: string[] = [];

function newDir(): string {
  const dir = tempDir('keytrail-app-');
  dirs.push(dir);
  return dir;
}

beforeEach(() => {
  resetFake();
});

afterEach(() => {
  // Quitting closes the open case, so its folder can go.
  app.quit();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

type Invoke = (event: unknown, operation: unknown, input: unknown) => Promise<unknown>;

function ipcHandler(): Invoke {
  const handler = ipcMain.handlers.get('keytrail:call');
  if (handler === undefined) throw new Error('keytrail:call is not registered');
  return handler as unknown as Invoke;
}

function onlyWindow(): BrowserWindow {
  expect(BrowserWindow.instances).toHaveLength(1);
  const window = BrowserWindow.instances[0];
  if (window === undefined) throw new Error('no window');
  return window;
}

describe('startApp with --case', () => {
  it('sandboxes and registers the scheme before ready, wires the rest after', async () => {
    const dir = newDir();
    await startApp(['electron', '.', '--case', dir]).ready;

    const ready = calls.indexOf('app.ready');
    expect(calls.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('app.enableSandbox')).toBeLessThan(ready);
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(calls.indexOf('protocol.handle keytrail')).toBeGreaterThan(ready);
    expect(calls.indexOf('ipcMain.handle keytrail:call')).toBeGreaterThan(ready);
    expect(protocol.handlers.has('keytrail')).toBe(true);
    expect(session.defaultSession.requestHandler).not.toBeNull();
    expect(session.defaultSession.checkHandler?.({}, 'media')).toBe(false);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('opens one sandboxed window with the compiled preload', async () => {
    await startApp(['electron', '.', '--case', newDir()]).ready;

    const window = onlyWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['preload']).toBe(PRELOAD_PATH);
    expect(path.basename(PRELOAD_PATH)).toBe('preload.cjs');
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['devTools']).toBe(true);
    expect(window.loadedUrl).toBe('keytrail://app/index.html');
  });

  it('turns devtools off in packaged builds', async () => {
    app.isPackaged = true;
    await startApp(['keytrail', '--case', newDir()]).ready;

    const prefs = onlyWindow().options['webPreferences'] as Record<string, unknown>;
    expect(prefs['devTools']).toBe(false);
    expect(JSON.stringify(Menu.applicationMenu?.template)).not.toContain(
      'toggleDevTools',
    );
  });

  it('answers our page over IPC from the real case', async () => {
    const dir = newDir();
    await startApp(['electron', '.', `--case=${dir}`]).ready;
    const contents = onlyWindow().webContents;

    const result = await ipcHandler()(
      { sender: contents, senderFrame: contents.mainFrame },
      'caseInfo',
      {},
    );

    expect(result).toMatchObject({ ok: true, value: { caseDir: path.resolve(dir) } });
    expect(fs.existsSync(path.join(dir, CASE_DB_FILE))).toBe(true);
  });

  it('refuses IPC from a foreign page or frame', async () => {
    await startApp(['electron', '.', '--case', newDir()]).ready;
    const contents = onlyWindow().webContents;
    const foreignFrame = { ...contents.mainFrame, url: 'https://evil.example/' };
    const subframe = { ...contents.mainFrame, routingId: -1, parent: contents.mainFrame };

    for (const event of [
      { sender: contents, senderFrame: foreignFrame },
      { sender: contents, senderFrame: subframe },
      { sender: contents, senderFrame: null },
      { sender: {}, senderFrame: contents.mainFrame },
    ]) {
      expect(await ipcHandler()(event, 'caseInfo', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('hardens every webContents the app creates', async () => {
    await startApp(['electron', '.', '--case', newDir()]).ready;
    const contents = onlyWindow().webContents;

    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('startApp without --case', () => {
  it('asks for a folder, and quits without a window when cancelled', async () => {
    await startApp(['electron', '.']).ready;

    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    const options = dialog.showOpenDialog.mock.calls[0]?.at(-1) as Record<
      string,
      unknown
    >;
    expect(options['properties']).toEqual(['openDirectory', 'createDirectory']);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(app.quitCount).toBe(1);
  });

  it('opens the chosen empty folder as a new case', async () => {
    const dir = newDir();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [dir] });

    await startApp(['electron', '.']).ready;

    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, CASE_DB_FILE))).toBe(true);
  });

  it('asks before turning a non-empty folder into a case', async () => {
    const dir = newDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a case');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [dir] });

    await startApp(['electron', '.']).ready;

    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(path.join(dir, CASE_DB_FILE))).toBe(false);
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});

describe('File > Open Case', () => {
  it('switches the window to another case', async () => {
    const first = newDir();
    const second = newDir();
    await startApp(['electron', '.', '--case', first]).ready;
    const contents = onlyWindow().webContents;
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [second] });

    const file = Menu.applicationMenu?.template.find(
      (item) => (item as { label?: string }).label === 'File',
    ) as { submenu: { label?: string; click?: () => void }[] };
    file.submenu.find((item) => item.label === 'Open Case…')?.click?.();
    await vi.waitFor(() => expect(contents.reloads).toBe(1));

    const result = await ipcHandler()(
      { sender: contents, senderFrame: contents.mainFrame },
      'caseInfo',
      {},
    );
    expect(result).toMatchObject({ ok: true, value: { caseDir: path.resolve(second) } });
  });
});

describe('caseDirFromArgv', () => {
  it('reads --case <dir> and --case=<dir>', () => {
    expect(caseDirFromArgv(['electron', '.', '--case', '/cases/a'])).toBe('/cases/a');
    expect(caseDirFromArgv(['keytrail', '--case=/cases/b'])).toBe('/cases/b');
    expect(caseDirFromArgv(['keytrail'])).toBeNull();
    expect(caseDirFromArgv(['keytrail', '--case'])).toBeNull();
    expect(caseDirFromArgv(['keytrail', '--case', '--inspect'])).toBeNull();
    expect(caseDirFromArgv(['keytrail', '--case='])).toBeNull();
  });
});

describe('menuTemplate', () => {
  const labels = (template: ReturnType<typeof menuTemplate>) =>
    JSON.stringify(template, (_key, value: unknown) =>
      typeof value === 'function' ? undefined : value,
    );

  it('has Open Case, Quit and Reload, and devtools only when allowed', () => {
    const dev = labels(
      menuTemplate({ openCase: () => {} }, { platform: 'linux', devTools: true }),
    );
    const packaged = labels(
      menuTemplate({ openCase: () => {} }, { platform: 'linux', devTools: false }),
    );

    expect(dev).toContain('Open Case…');
    expect(dev).toContain('"role":"quit"');
    expect(dev).toContain('"role":"reload"');
    expect(dev).toContain('toggleDevTools');
    expect(packaged).not.toContain('toggleDevTools');
  });

  it('puts Quit in the app menu on macOS', () => {
    const mac = menuTemplate(
      { openCase: () => {} },
      { platform: 'darwin', devTools: false },
    );

    expect(mac[0]).toEqual({ role: 'appMenu' });
  });
});
