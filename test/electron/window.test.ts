import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hardenSession,
  hardenWebContents,
  isAppUrl,
} from '../../electron/security.main.js';
import { createMainWindow, windowWebPreferences } from '../../electron/window.main.js';
import {
  BrowserWindow,
  navigationEvent,
  resetFake,
  session,
  type FakeWebContents,
} from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const PRELOAD = '/opt/keytrail/dist/electron/preload.cjs';

beforeEach(() => {
  resetFake();
});

function openWindow(devTools = false): {
  window: BrowserWindow;
  contents: FakeWebContents;
} {
  createMainWindow({ preloadPath: PRELOAD, devTools });
  const window = BrowserWindow.instances.at(-1);
  if (window === undefined) throw new Error('no window was created');
  return { window, contents: window.webContents };
}

describe('web preferences', () => {
  it('lock the page in a sandbox without Node', () => {
    expect(windowWebPreferences({ preloadPath: PRELOAD, devTools: false })).toEqual({
      preload: PRELOAD,
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
      devTools: false,
    });
  });

  it('are the ones the window is created with', () => {
    const { window } = openWindow(true);

    expect(window.options['webPreferences']).toEqual(
      windowWebPreferences({ preloadPath: PRELOAD, devTools: true }),
    );
    expect(window.options['show']).toBe(false);
  });
});

describe('the window', () => {
  it('loads the page from the app scheme and shows when ready', () => {
    const { window } = openWindow();

    expect(window.loadedUrl).toBe('keytrail://app/index.html');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('stays on keytrail://app', () => {
    const { contents } = openWindow();

    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'keytrail://evil/index.html',
      'keytrail://app@evil.example/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const navigation = navigationEvent(url);
      contents.emit('will-navigate', navigation, url);
      expect(navigation.defaultPrevented, url).toBe(true);

      const redirect = navigationEvent(url);
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented, url).toBe(true);
    }

    const reload = navigationEvent('keytrail://app/index.html');
    contents.emit('will-navigate', reload, reload.url);
    expect(reload.defaultPrevented).toBe(false);
  });

  it('opens no new windows', () => {
    const { contents } = openWindow();

    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'keytrail://app/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('attaches no webviews', () => {
    const { contents } = openWindow();
    const event = navigationEvent('https://example.com/');

    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('registers each denial once even when hardened twice', () => {
    const { contents } = openWindow();
    // The fake has only the parts of WebContents the hardening touches.
    hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0]);

    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });
});

describe('permissions', () => {
  it('are all refused', () => {
    hardenSession(session.defaultSession);
    const answers: boolean[] = [];

    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
    ]) {
      session.defaultSession.requestHandler?.({}, permission, (granted) =>
        answers.push(granted),
      );
      expect(session.defaultSession.checkHandler?.({}, permission)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false]);
  });
});

describe('isAppUrl', () => {
  it('accepts only keytrail://app', () => {
    expect(isAppUrl('keytrail://app/index.html')).toBe(true);
    expect(isAppUrl('keytrail://app/')).toBe(true);
    expect(isAppUrl('keytrail://apps/')).toBe(false);
    expect(isAppUrl('keytrail://x@app/')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
  });
});
