/**
 * The application menu: open a case, quit, reload. The Edit menu is there because on
 * macOS copy and paste shortcuts only work when a menu provides them.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openCase(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  devTools: boolean;
}

export function menuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Open Case…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openCase(),
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
  ];
}
