import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  handleAppProtocol,
  registerAppScheme,
  resolveAppFile,
  serveAppRequest,
} from '../../electron/protocol.main.js';
import { tempDir } from '../helpers/temp-case.js';

let parent: string;
let root: string;

beforeAll(() => {
  // <parent>/renderer is the served root; <parent>/secret.txt sits right outside it.
  parent = tempDir('keytrail-protocol-');
  root = path.join(parent, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><title>Keytrail</title>',
  );
  fs.writeFileSync(path.join(root, 'assets', 'index-Ab12.js'), 'console.log(1);');
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'outside');
});

afterAll(() => {
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppFile(root, 'keytrail://app/index.html')).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveAppFile(root, 'keytrail://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'keytrail://app/assets/index-Ab12.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-Ab12.js'),
    );
  });

  it.each([
    'keytrail://app/../../etc/passwd',
    'keytrail://app/../secret.txt',
    'keytrail://app/assets/../../secret.txt',
    'keytrail://app/%2e%2e/secret.txt',
    'keytrail://app/%2E%2E/%2E%2E/etc/passwd',
    'keytrail://app/..%2fsecret.txt',
    'keytrail://app/assets%2f..%2f..%2fsecret.txt',
    'keytrail://app/..\\secret.txt',
    'keytrail://app/assets\\..\\..\\secret.txt',
    'keytrail://app/%00index.html',
    'keytrail://app/.hidden',
    'keytrail://app/./index.html',
    'keytrail://app//etc/passwd',
    'keytrail://app/assets/',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'keytrail://other/index.html',
    'keytrail://user:pw@app/index.html',
    'keytrail://app:80/index.html',
    'https://app/index.html',
    'file:///etc/passwd',
    'keytrail:app/index.html',
    '',
  ])('refuses a URL that is not ours: %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  const get = (url: string) => serveAppRequest(root, { url, method: 'GET' });

  it('serves index.html with the CSP header', async () => {
    const response = await get('keytrail://app/index.html');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Keytrail</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('keytrail://app/assets/index-Ab12.js');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404, still with the CSP, for traversal and missing files', async () => {
    for (const url of [
      'keytrail://app/../secret.txt',
      'keytrail://app/%2e%2e/secret.txt',
      'keytrail://app/..%2fsecret.txt',
      'keytrail://app/missing.js',
      'keytrail://app/assets',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(
        CONTENT_SECURITY_POLICY,
      );
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const post = await serveAppRequest(root, {
      url: 'keytrail://app/index.html',
      method: 'POST',
    });
    const head = await serveAppRequest(root, {
      url: 'keytrail://app/index.html',
      method: 'HEAD',
    });

    expect(post.status).toBe(405);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the CSP', () => {
  it('allows only our own origin and no inline or eval scripts', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );

    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('font-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self' blob:");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
});

describe('scheme registration', () => {
  it('registers keytrail as standard, secure and fetch-capable, nothing more', () => {
    const registered: unknown[] = [];
    registerAppScheme({
      registerSchemesAsPrivileged: (schemes) => registered.push(...schemes),
    });

    expect(registered).toEqual([
      {
        scheme: 'keytrail',
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
    ]);
  });

  it('routes the keytrail scheme to the renderer root', async () => {
    let handler: ((request: Request) => Response | Promise<Response>) | undefined;
    handleAppProtocol(
      {
        handle: (scheme, fn) => {
          expect(scheme).toBe('keytrail');
          handler = fn;
        },
      },
      root,
    );

    const response = await handler?.(new Request('keytrail://app/index.html'));
    expect(response?.status).toBe(200);
  });
});
