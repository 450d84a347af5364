/**
 * The page is served from `keytrail://app/`, a privileged custom scheme backed by the
 * files Vite wrote to `dist/renderer/`, and nothing else. Every response carries a
 * strict Content-Security-Policy, so the page can run only its own bundled scripts and
 * can reach nothing but its own origin.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'keytrail';
export const APP_HOST = 'app';
/** Every page URL starts with this; the IPC sender check relies on it. */
export const APP_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX_URL = `${APP_URL_PREFIX}index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

// One path segment as Vite names its output (`index.html`, `assets/index-Bx3k.js`).
// A segment may not start with a dot, which rules out `.`, `..` and hidden files.
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Maps a `keytrail://app/...` URL to a file inside `rendererRoot`, or null when the URL
 * is not ours or its path is anything but plain, safe segments. The raw text is checked,
 * not the parsed URL, because parsing silently resolves `.` and `..` and would hide the
 * attempt. Percent-escapes and backslashes are refused outright: Vite never emits them,
 * and refusing them closes `%2e%2e` and `..%2f` without having to decode anything.
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  if (!requestUrl.startsWith(APP_URL_PREFIX)) return null;
  const rawPath = requestUrl.slice(APP_URL_PREFIX.length).split(/[?#]/, 1)[0] ?? '';
  const segments = (rawPath === '' ? 'index.html' : rawPath).split('/');
  if (!segments.every((segment) => SAFE_SEGMENT.test(segment))) return null;

  // The prefix already pins scheme and host; parsing once more guards against any
  // reading of the URL where Chromium and this check might differ.
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.pathname !== `/${rawPath}`) return null;

  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: securityHeaders('text/plain; charset=utf-8'),
  });
}

/**
 * Answers one request to the app scheme. Only GET and HEAD of a regular file under the
 * renderer root succeed; everything else is 404 (or 405 for other methods). Reads go
 * through `fs`, which Electron patches to read inside the asar archive.
 */
export async function serveAppRequest(
  rendererRoot: string,
  request: { url: string; method: string },
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, 'Method not allowed');
  }
  const file = resolveAppFile(rendererRoot, request.url);
  if (file === null) return textResponse(404, 'Not found');

  let body: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return textResponse(404, 'Not found');
    body = await fs.readFile(file);
  } catch {
    return textResponse(404, 'Not found');
  }

  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: securityHeaders(contentTypeFor(file)),
  });
}

/** Must run before the app is ready: Chromium reads scheme privileges at startup. */
export function registerAppScheme(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererRoot: string,
): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request));
}
