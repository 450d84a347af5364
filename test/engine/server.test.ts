import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi } from '../../src/api/engine-api.js';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { CaseStore } from '../../src/store/case-store.js';
import { FIXTURES, tempDir } from '../helpers/temp-case.js';

let store: CaseStore;
let server: RunningServer;
const staticRoot = tempDir('keytrail-static-');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so the test controls Host and Origin exactly. */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${op}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Keytrail-Token': server.token,
      ...headers,
    },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  fs.writeFileSync(
    path.join(staticRoot, 'index.html'),
    '<!doctype html><title>Keytrail</title>',
  );
  store = await CaseStore.open(tempDir());
  await ingestPaths(store, [path.join(FIXTURES, 'cloudtrail')]);
  server = await startServer(createEngineApi(store), { staticRoot });
});
afterAll(async () => {
  await server.close();
  store.close();
});

describe('the local server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`),
    );
  });

  it('trades the URL token for a strict cookie that then opens the page', async () => {
    const first = await request(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']?.[0]);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await request('/', { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Keytrail');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=0000')).status).toBe(401);
    expect(
      (await api('overview', {}, { 'X-Keytrail-Token': 'x'.repeat(48) })).status,
    ).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (CSRF)', async () => {
    const rebound = await request('/', {
      headers: { Host: `evil.example:${server.port}`, 'X-Keytrail-Token': server.token },
    });
    expect(rebound.status).toBe(421);
    const csrf = await api('overview', {}, { Origin: 'http://evil.example' });
    expect(csrf.status).toBe(403);
  });

  it('sends no CORS headers', async () => {
    const reply = await api(
      'overview',
      {},
      { Origin: `http://127.0.0.1:${server.port}` },
    );
    expect(reply.status).toBe(200);
    expect(
      Object.keys(reply.headers).filter((h) => h.startsWith('access-control')),
    ).toEqual([]);
  });

  it('answers API calls with results from the engine', async () => {
    const reply = await api('overview', {});
    const result = JSON.parse(reply.body);
    expect(result.ok).toBe(true);
    expect(result.value.totals.events).toBe(44);
    expect(result.value.eventsBySource).toEqual([{ source: 'cloudtrail', events: 44 }]);
  });

  it('validates operation names and inputs', async () => {
    expect(JSON.parse((await api('dropEverything', {})).body).error.code).toBe(
      'invalid_input',
    );
    expect(JSON.parse((await api('query', { sql: 42 })).body).error.code).toBe(
      'invalid_input',
    );
    expect(
      JSON.parse((await api('query', { sql: 'DELETE FROM events' })).body).error.code,
    ).toBe('query_not_read_only');
  });

  it('serves no file outside the page folder', async () => {
    const auth = { 'X-Keytrail-Token': server.token };
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/.hidden',
    ]) {
      expect((await request(p, { headers: auth })).status).toBe(404);
    }
  });
});
