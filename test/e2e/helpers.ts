/**
 * Shared pieces of the end-to-end tests: temporary cases built with the real CLI, a real
 * `keytrail serve` child process, and Debian's Chromium driven by playwright-core.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');

const CLI = path.join(REPO_ROOT, 'bin', 'keytrail.js');
const CHROMIUM = '/usr/bin/chromium';
const SERVER_START_MS = 20_000;
const SERVER_STOP_MS = 5_000;

export function fixturePath(...parts: string[]): string {
  return path.join(REPO_ROOT, 'fixtures', ...parts);
}

/** The e2e tests run the built engine and page; they do not build them. */
export function requireBuild(): void {
  const needed = ['dist/src/cli/main.js', 'dist/renderer/index.html'];
  const missing = needed.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.join(', ')}: run \`npm run build\` first.`);
  }
}

export interface TempCase {
  /** A scratch folder for the test's own evidence files. */
  workDir: string;
  /** The case folder inside it; `keytrail ingest` creates it. */
  caseDir: string;
  remove(): Promise<void>;
}

export async function makeTempCase(): Promise<TempCase> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'keytrail-e2e-'));
  return {
    workDir,
    caseDir: path.join(workDir, 'case'),
    remove: () => rm(workDir, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `keytrail <args>`; rejects unless the exit code is one of `okCodes`. */
export function runCli(args: string[], okCodes: number[] = [0]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        if (okCodes.includes(code)) resolve({ code, stdout, stderr });
        else reject(new Error(`keytrail ${args.join(' ')} exited ${code}: ${stderr}`));
      },
    );
  });
}

export interface IngestSummary {
  files: number;
  events: number;
  skipped: number;
  failed: { path: string; code: string; message: string }[];
}

/** `keytrail ingest --json`; exit code 3 (some files unreadable) is expected in tests. */
export async function ingest(caseDir: string, paths: string[]): Promise<IngestSummary> {
  const run = await runCli(['ingest', caseDir, ...paths, '--json'], [0, 3]);
  return JSON.parse(run.stdout) as IngestSummary;
}

export type Row = Record<string, unknown>;

/** `keytrail query --json`: the rows as objects keyed by column name. */
export async function queryRows(caseDir: string, sql: string): Promise<Row[]> {
  const run = await runCli(['query', caseDir, sql, '--json']);
  return JSON.parse(run.stdout) as Row[];
}

/** The single number a `SELECT <aggregate> AS n` answers. */
export async function queryNumber(caseDir: string, sql: string): Promise<number> {
  const [row] = await queryRows(caseDir, sql);
  const n = Number(row?.n);
  if (!Number.isFinite(n)) throw new Error(`No number n from: ${sql}`);
  return n;
}

export interface ServerHandle {
  url: string;
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/;

/** Starts `keytrail serve <case> --port 0` and waits for the URL it prints. */
export function startServer(caseDir: string): Promise<ServerHandle> {
  const child = spawn(process.execPath, [CLI, 'serve', caseDir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`keytrail serve ${why}. stdout: ${stdout} stderr: ${stderr}`));
    };
    const timer = setTimeout(() => fail('printed no URL in time'), SERVER_START_MS);

    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_PATTERN.exec(stdout);
      if (settled || !match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url: match[0], stop });
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Debian's Chromium; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenedPage> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    colorScheme,
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, problems };
}

/** The body cells of a `data-testid` table, one string array per row. */
export async function tableRows(page: Page, testId: string): Promise<string[][]> {
  const table = page.getByTestId(testId);
  const width = await table.locator('thead th').count();
  const cells = (await table.locator('tbody td').allTextContents()).map((t) => t.trim());
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += width) rows.push(cells.slice(i, i + width));
  return rows;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** How the page prints counts (fixed `en-US` grouping). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** How the page prints an ISO time: `2024-08-01 13:33:28 UTC`. */
export function utc(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}
