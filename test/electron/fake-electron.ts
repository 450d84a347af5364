/**
 * A small stand-in for the `electron` module, which cannot run here (no binary). It
 * records what the main process and preload ask of Electron so tests can assert it.
 * Use with `vi.mock('electron', () => import('./fake-electron.js'))`; vitest gives each
 * test file its own copy, and `resetFake()` clears it between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { setLogLevel } from '../../src/log/logger.js';

// The shell logs every refusal at `warn`; these tests provoke refusals on purpose.
setLogLevel('silent');

/** Every notable call, in order, e.g. `app.enableSandbox`, `app.ready`. */
export const calls: string[] = [];

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

export interface WindowOpenDetails {
  url: string;
}

let nextRoutingId = 1;

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = {
    url: '',
    parent: null,
    processId: 7,
    routingId: nextRoutingId++,
  };
  windowOpenHandler: ((details: WindowOpenDetails) => { action: string }) | null = null;
  reloads = 0;

  setWindowOpenHandler(
    handler: (details: WindowOpenDetails) => { action: string },
  ): void {
    this.windowOpenHandler = handler;
  }

  reload(): void {
    this.reloads += 1;
  }
}

export interface FakeNavigationEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function navigationEvent(url: string): FakeNavigationEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
    calls.push('new BrowserWindow');
    app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  quitCount = 0;
  exitCode: number | null = null;

  enableSandbox(): void {
    calls.push('app.enableSandbox');
  }

  whenReady(): Promise<void> {
    return Promise.resolve().then(() => {
      calls.push('app.ready');
    });
  }

  quit(): void {
    this.quitCount += 1;
    this.emit('will-quit', {});
  }

  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

type Handler = (...args: never[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    calls.push(`ipcMain.handle ${channel}`);
    this.handlers.set(channel, handler);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Handler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    calls.push('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: Handler): void {
    calls.push(`protocol.handle ${scheme}`);
    this.handlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;

export const session = {
  defaultSession: {
    requestHandler: null as PermissionRequestHandler | null,
    checkHandler: null as PermissionCheckHandler | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.checkHandler = handler;
    },
  },
};

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: true,
    filePaths: [] as string[],
  })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1 })),
  showErrorBox: vi.fn((_title: string, _content: string) => undefined),
};

export const Menu = {
  applicationMenu: null as { template: unknown[] } | null,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    this.applicationMenu = menu;
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({
    ok: true,
    value: { channel, args },
  })),
};

export function resetFake(): void {
  calls.length = 0;
  BrowserWindow.instances.length = 0;
  app.removeAllListeners();
  app.isPackaged = false;
  app.quitCount = 0;
  app.exitCode = null;
  ipcMain.handlers.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.requestHandler = null;
  session.defaultSession.checkHandler = null;
  dialog.showOpenDialog.mockClear();
  dialog.showMessageBox.mockClear();
  dialog.showErrorBox.mockClear();
  Menu.applicationMenu = null;
  contextBridge.exposed.clear();
  ipcRenderer.invoke.mockClear();
}
