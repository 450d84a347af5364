import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/output.js';
import { FIXTURES, tempDir } from '../helpers/temp-case.js';

function captureIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
    stdout: () => out,
    stderr: () => err,
  };
}

describe('keytrail CLI', () => {
  it('ingest --json prints the summary and exits 3 when some files failed', async () => {
    const io = captureIo();
    const caseDir = tempDir();
    const code = await main(
      [
        'ingest',
        caseDir,
        path.join(FIXTURES, 'cloudtrail'),
        path.join(FIXTURES, 'bad'),
        '--json',
      ],
      io,
    );
    expect(code).toBe(3);
    const summary = JSON.parse(io.stdout());
    expect(summary).toMatchObject({ files: 8, events: 44, duplicates: 0 });
    expect(typeof summary.seconds).toBe('number');
    expect(summary.failed).toHaveLength(4);
    for (const f of summary.failed)
      expect(Object.keys(f).sort()).toEqual(['code', 'message', 'path']);
    fs.rmSync(caseDir, { recursive: true });
  });

  it('ingest exits 0 when every file was read, and a second run adds nothing', async () => {
    const caseDir = tempDir();
    const first = captureIo();
    expect(
      await main(['ingest', caseDir, path.join(FIXTURES, 'cloudtrail')], first),
    ).toBe(0);
    expect(first.stdout()).toContain('44 new');
    const again = captureIo();
    expect(
      await main(['ingest', caseDir, path.join(FIXTURES, 'cloudtrail'), '--json'], again),
    ).toBe(0);
    expect(JSON.parse(again.stdout())).toMatchObject({ events: 0, duplicate_files: 4 });
    fs.rmSync(caseDir, { recursive: true });
  });

  it('query --json prints rows as objects with integers as numbers; --csv quotes', async () => {
    const caseDir = tempDir();
    await main(['ingest', caseDir, path.join(FIXTURES, 'cloudtrail')], captureIo());
    const json = captureIo();
    await main(
      [
        'query',
        caseDir,
        'SELECT action, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2',
        '--json',
      ],
      json,
    );
    expect(JSON.parse(json.stdout())).toEqual([
      { action: 'GetSecretValue', n: 20 },
      { action: 'DescribeInstanceAttribute', n: 15 },
    ]);
    const csv = captureIo();
    await main(['query', caseDir, `SELECT '=cmd|x' AS f, 'a,b' AS g`, '--csv'], csv);
    expect(csv.stdout()).toBe(`f,g\r\n'=cmd|x,"a,b"\r\n`);
    fs.rmSync(caseDir, { recursive: true });
  });

  it('exits 2 on usage errors and 1 on refused queries', async () => {
    expect(await main(['ingest'], captureIo())).toBe(2);
    expect(await main(['frobnicate'], captureIo())).toBe(2);
    expect(await main(['serve', 'a', '--port', 'x'], captureIo())).toBe(2);
    const caseDir = tempDir();
    await main(['ingest', caseDir, path.join(FIXTURES, 'cloudtrail')], captureIo());
    const io = captureIo();
    expect(await main(['query', caseDir, 'DROP TABLE events'], io)).toBe(1);
    expect(io.stderr()).toContain('query_not_read_only');
    fs.rmSync(caseDir, { recursive: true });
  });

  it('shows control characters from evidence as escapes on the terminal', async () => {
    const caseDir = tempDir();
    await main(['ingest', caseDir, path.join(FIXTURES, 'cloudtrail')], captureIo());
    const io = captureIo();
    await main(['query', caseDir, `SELECT 'a' || chr(27) || '[31mred' AS x`], io);
    expect(io.stdout()).not.toContain('\u001b');
    expect(io.stdout()).toContain('\\u001b[31mred');
    fs.rmSync(caseDir, { recursive: true });
  });
});
