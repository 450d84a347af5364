/**
 * Evidence strings are attacker-controlled. A case whose identity ARN, user agent and
 * file name carry markup must show that markup as text and run none of it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ingest,
  launchBrowser,
  makeTempCase,
  openPage,
  requireBuild,
  startServer,
  tableRows,
  type ServerHandle,
  type TempCase,
} from './helpers.js';

const SETUP_MS = 60_000;

// Each payload sets a global if it ever runs.
const HOSTILE_USER = '<img src=x onerror="globalThis.__xss=1">';
const HOSTILE_ARN = `arn:aws:iam::111122223333:user/${HOSTILE_USER}`;
const HOSTILE_FILE = '<img src=y onerror=globalThis.__xss=2>.json';

/** One CloudTrail S3-delivery file (`{"Records": [...]}`) with a hostile principal. */
function hostileTrail(): string {
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEHOSTILE01',
      arn: HOSTILE_ARN,
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEHOSTILE01',
      userName: HOSTILE_USER,
    },
    eventTime: '2024-08-02T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: '<script>globalThis.__xss=3</script>',
    requestParameters: null,
    responseElements: null,
    requestID: 'hostile-request-1',
    eventID: 'e0000001-0000-4000-8000-000000000001',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
  };
  return JSON.stringify({ Records: [record] });
}

describe('Untrusted text on the Overview page', () => {
  let tempCase: TempCase | undefined;
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let hostileFilePath: string;

  beforeAll(async () => {
    requireBuild();
    tempCase = await makeTempCase();
    const evidence = path.join(tempCase.workDir, 'evidence');
    await mkdir(evidence);
    await writeFile(path.join(evidence, 'trail.json'), hostileTrail());
    hostileFilePath = path.join(evidence, HOSTILE_FILE);
    // Cut off after the opening bracket, so the file fails and its name is listed.
    await writeFile(hostileFilePath, '{"Records":[');

    const run = await ingest(tempCase.caseDir, [evidence]);
    expect(run.events).toBe(1);
    expect(run.failed.map((f) => f.path)).toEqual([hostileFilePath]);

    server = await startServer(tempCase.caseDir);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, server.url));
    await page.getByTestId('overview').waitFor();
  }, SETUP_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tempCase?.remove();
  });

  it('shows a hostile identity ARN as text', async () => {
    const [row] = await tableRows(page, 'identities-table');
    expect(row?.[0]).toBe(HOSTILE_ARN);
  });

  it('shows a hostile file name as text', async () => {
    const [row] = await tableRows(page, 'failed-files-table');
    expect(row?.[0]).toBe(hostileFilePath);
  });

  it('creates no element from evidence and runs no payload', async () => {
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss),
    ).toBeUndefined();
  });
});
