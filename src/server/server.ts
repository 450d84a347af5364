import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../api/dispatch.js';
import type { KeytrailApi } from '../api/contract.js';
import { createLogger } from '../log/logger.js';
import { contentType, rendererRoot, resolveStatic } from './static-files.js';

const log = createLogger('server');

const COOKIE = 'keytrail_session';
const MAX_BODY_BYTES = 1024 * 1024;

/** What the page may load and connect to; evidence can never add a script. */
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

export interface ServerOptions {
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
  staticRoot?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The page and the API for browser mode, on 127.0.0.1 only. Every request must carry
 * the session token (the `?token=` of the printed URL, kept as a SameSite=Strict
 * cookie, or an `X-Keytrail-Token` header); the Host header must name this server
 * (against DNS rebinding) and a present Origin must be this server (against CSRF).
 * No CORS headers are ever sent.
 */
export async function startServer(
  api: KeytrailApi,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = options.staticRoot ?? rendererRoot();
  const server = http.createServer((req, res) => {
    handle(api, req, res, { token, root, port: portOf(server) }).catch((err: unknown) => {
      log.error('request failed', { err: String(err) });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = portOf(server);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Context {
  token: string;
  root: string;
  port: number;
}

async function handle(
  api: KeytrailApi,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: Context,
): Promise<void> {
  if (!hostAllowed(req.headers.host, ctx.port))
    return send(res, 421, 'text/plain', 'Wrong host');
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, ctx.port)) {
    return send(res, 403, 'text/plain', 'Foreign origin');
  }

  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
  const offered = url.searchParams.get('token');
  if (req.method === 'GET' && offered !== null) {
    if (!sameToken(offered, ctx.token)) return send(res, 401, 'text/plain', 'Bad token');
    // Trade the token in the address for a cookie, then drop it from the address bar.
    res.writeHead(303, {
      Location: url.pathname,
      'Set-Cookie': `${COOKIE}=${ctx.token}; HttpOnly; SameSite=Strict; Path=/`,
      'Cache-Control': 'no-store',
    });
    res.end();
    return;
  }
  if (!authorized(req, ctx.token))
    return send(res, 401, 'text/plain', 'Missing or bad token');

  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain', 'JSON only');
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'text/plain', 'Too large');
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return sendJson(res, {
        ok: false,
        error: { code: 'invalid_input', message: 'Body is not JSON.' },
      });
    }
    const operation = decodeURIComponent(url.pathname.slice('/api/'.length));
    return sendJson(res, await dispatch(api, operation, input));
  }

  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, 'text/plain', 'GET only');
  const file = resolveStatic(ctx.root, url.pathname);
  if (!file) return send(res, 404, 'text/plain', 'Not found');
  send(res, 200, contentType(file), fs.readFileSync(file));
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo | null)?.port ?? 0;
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function authorized(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers['x-keytrail-token'];
  if (typeof header === 'string' && sameToken(header, token)) return true;
  const cookies = String(req.headers.cookie ?? '').split(';');
  return cookies.some((c) => {
    const [name, value] = c.trim().split('=');
    return name === COOKIE && value !== undefined && sameToken(value, token);
  });
}

function sameToken(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}
