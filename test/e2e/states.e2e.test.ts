/**
 * The Overview page's empty and error states: a real empty case from the CLI, and engine
 * failures simulated by answering `/api/overview` in the browser.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ingest,
  launchBrowser,
  makeTempCase,
  openPage,
  requireBuild,
  saveScreenshot,
  startServer,
  type ServerHandle,
  type TempCase,
} from './helpers.js';

const SETUP_MS = 60_000;
const OVERVIEW_API = '**/api/overview';

describe('Overview page states', () => {
  let tempCase: TempCase | undefined;
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    requireBuild();
    tempCase = await makeTempCase();
    // Ingesting a folder with no files creates the case and adds nothing.
    const nothing = path.join(tempCase.workDir, 'nothing');
    await mkdir(nothing);
    const run = await ingest(tempCase.caseDir, [nothing]);
    expect(run.files).toBe(0);

    server = await startServer(tempCase.caseDir);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, server.url));
  }, SETUP_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tempCase?.remove();
  });

  it('tells how to add evidence when the case is empty', async () => {
    const empty = page.getByTestId('status-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('No events yet');
    expect(await empty.textContent()).toContain('keytrail ingest');
    await saveScreenshot(page, 'overview-empty.png');
  });

  it('shows an engine error as text, with its code, and recovers on retry', async () => {
    const message = 'The case database <b>cannot</b> be read.';
    await page.route(OVERVIEW_API, (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'case_damaged', message } }),
      }),
    );
    await page.reload();

    const error = page.getByTestId('status-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(`case_damaged ${message}`);
    expect(await error.locator('b').count()).toBe(0);
    await saveScreenshot(page, 'overview-error.png');

    await page.unroute(OVERVIEW_API);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('status-empty').waitFor();
  });

  it('reports an HTTP failure that carries no engine answer', async () => {
    await page.route(OVERVIEW_API, (route) =>
      route.fulfill({
        status: 401,
        contentType: 'text/plain',
        body: 'Missing or bad token',
      }),
    );
    await page.reload();

    const error = page.getByTestId('status-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('http_401');
    await page.unroute(OVERVIEW_API);
  });
});
