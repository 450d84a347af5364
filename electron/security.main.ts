/**
 * Denials that follow Electron's security checklist: the page may not navigate away
 * from `keytrail://app`, open windows, attach webviews or be granted any permission.
 * They are applied to every webContents the app creates, not only to our window.
 */
import type { Session, WebContents } from 'electron';
import { createLogger } from '../src/log/logger.js';
import { APP_HOST, APP_SCHEME } from './protocol.main.js';

const log = createLogger('electron.security');

/**
 * True for URLs on our own origin. Compared by scheme and host rather than `URL.origin`,
 * which Node reports as "null" for schemes it does not know as special.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

type NavigationEvent = { url: string; preventDefault(): void };

function refuseForeignNavigation(event: NavigationEvent): void {
  if (isAppUrl(event.url)) return;
  event.preventDefault();
  log.warn('blocked navigation', { url: event.url });
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

const hardened = new WeakSet<HardenableContents>();

/** Idempotent, so the window factory and the app-wide hook may both call it. */
export function hardenWebContents(contents: HardenableContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  contents.on('will-navigate', refuseForeignNavigation);
  contents.on('will-redirect', refuseForeignNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked window.open', { url });
    return { action: 'deny' };
  });
}

/** The page needs no camera, notifications, clipboard reads or any other permission. */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.setPermissionCheckHandler(() => false);
}
