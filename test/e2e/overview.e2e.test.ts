/**
 * The Overview page in real Chromium against a real `keytrail serve`, on a case built by
 * the real CLI from the fixtures. Every number the page shows is computed a second way
 * with `keytrail query`, before the server opens the case (DuckDB lets one process in).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  count,
  fixturePath,
  ingest,
  launchBrowser,
  makeTempCase,
  openPage,
  queryNumber,
  queryRows,
  REPO_ROOT,
  requireBuild,
  saveScreenshot,
  startServer,
  tableRows,
  utc,
  type IngestSummary,
  type Row,
  type ServerHandle,
  type TempCase,
} from './helpers.js';

const SETUP_MS = 60_000;

/** What the case holds, by the contract's definitions, read with `keytrail query`. */
async function readExpected(caseDir: string) {
  const n = (sql: string) => queryNumber(caseDir, sql);
  return {
    totals: {
      'total-events': await n('SELECT count(*) AS n FROM events'),
      'total-files': await n('SELECT count(*) AS n FROM evidence_files'),
      'total-failed-files': await n(
        "SELECT count(*) AS n FROM evidence_files WHERE status <> 'ok'",
      ),
      'total-skipped-events': await n(
        'SELECT coalesce(sum(events_skipped), 0) AS n FROM evidence_files',
      ),
      'total-identities': await n('SELECT count(*) AS n FROM identities'),
    },
    range: (
      await queryRows(caseDir, 'SELECT min(time) AS first, max(time) AS last FROM events')
    )[0] as Row,
    sources: await queryRows(
      caseDir,
      'SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY n DESC, source',
    ),
    days: await queryRows(
      caseDir,
      `SELECT strftime(time AT TIME ZONE 'UTC', '%Y-%m-%d') AS day, count(*) AS n
       FROM events WHERE time IS NOT NULL GROUP BY day ORDER BY day`,
    ),
    identities: await queryRows(
      caseDir,
      `SELECT actor_id, count(*) AS n, count_if(outcome = 'failure') AS failures,
         count(DISTINCT action) AS actions, max(time) AS last_seen
       FROM events WHERE actor_id IS NOT NULL
       GROUP BY actor_id ORDER BY n DESC, actor_id LIMIT 10`,
    ),
    failedFiles: await queryRows(
      caseDir,
      "SELECT path, error_code FROM evidence_files WHERE status <> 'ok' ORDER BY file_id",
    ),
  };
}

describe('Overview page', () => {
  let tempCase: TempCase | undefined;
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let badRun: IngestSummary;
  let expected: Awaited<ReturnType<typeof readExpected>>;

  beforeAll(async () => {
    requireBuild();
    tempCase = await makeTempCase();
    const goodRun = await ingest(tempCase.caseDir, [fixturePath('cloudtrail')]);
    expect(goodRun.failed).toEqual([]);
    badRun = await ingest(tempCase.caseDir, [fixturePath('bad')]);
    expected = await readExpected(tempCase.caseDir);

    server = await startServer(tempCase.caseDir);
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server.url));
    await page.getByTestId('overview').waitFor();
  }, SETUP_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tempCase?.remove();
  });

  it('shows the case totals', async () => {
    expect(expected.totals['total-events']).toBeGreaterThan(0);
    expect(expected.totals['total-failed-files']).toBe(badRun.failed.length);

    for (const [testId, n] of Object.entries(expected.totals)) {
      const stat = page.getByTestId(testId);
      expect(await stat.textContent(), testId).toBe(count(n));
      expect(await stat.getAttribute('data-value'), testId).toBe(String(n));
    }
    await saveScreenshot(page, 'overview.png');
  });

  it('shows the first and last event time in UTC', async () => {
    expect(await page.getByTestId('time-first').textContent()).toBe(
      utc(expected.range.first),
    );
    expect(await page.getByTestId('time-last').textContent()).toBe(
      utc(expected.range.last),
    );
  });

  it('counts events per source', async () => {
    const shown = await tableRows(page, 'sources-table');
    expect(shown.map(([source, events]) => [source, events])).toEqual(
      expected.sources.map((r) => [r.source, count(Number(r.n))]),
    );
  });

  it('draws one bar per UTC day with its count', async () => {
    const shown: Record<string, number> = {};
    for (const bar of await page.getByTestId('day-bar').all()) {
      const day = (await bar.getAttribute('data-day')) ?? '';
      shown[day] = Number(await bar.getAttribute('data-count'));
    }
    const busyDays = Object.fromEntries(Object.entries(shown).filter(([, n]) => n > 0));
    expect(busyDays).toEqual(
      Object.fromEntries(expected.days.map((r) => [r.day, Number(r.n)])),
    );
  });

  it('lists the busiest identities', async () => {
    const shown = await tableRows(page, 'identities-table');
    const withoutKind = shown.map(([id, , ...counts]) => [id, ...counts]);
    expect(withoutKind).toEqual(
      expected.identities.map((r) => [
        r.actor_id,
        count(Number(r.n)),
        count(Number(r.failures)),
        count(Number(r.actions)),
        utc(r.last_seen),
      ]),
    );
  });

  it('lists the files that could not be read, with their codes', async () => {
    expect(expected.failedFiles.length).toBe(badRun.failed.length);
    const shown = await tableRows(page, 'failed-files-table');
    expect(shown.map(([file, code]) => [file, code])).toEqual(
      expected.failedFiles.map((r) => [r.path, r.error_code]),
    );
    expect(shown.map(([, code]) => code).sort()).toEqual(
      badRun.failed.map((f) => f.code).sort(),
    );
  });

  it('names the case folder and the Keytrail version in the header', async () => {
    const pkg = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(await page.getByTestId('case-dir').textContent()).toBe(tempCase?.caseDir);
    expect(await page.getByTestId('keytrail-version').textContent()).toBe(
      `v${pkg.version}`,
    );
  });

  it('switches to the dark theme and back', async () => {
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await saveScreenshot(page, 'overview-dark.png');

    await page.getByRole('radio', { name: 'System' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
  });

  it('loads without console errors, exceptions or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
