import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/temp-case.js';

const work = tempDir('keytrail-crash-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// One process (`node --import tsx`, not the tsx wrapper, which forks) so SIGKILL hits it.
const NODE_ARGS = ['--import', 'tsx', path.join(REPO, 'test', 'helpers', 'cli-entry.ts')];

/** 120 delivery files of 150 records each, every record distinct. */
function writeTrail(dir: string): number {
  let n = 0;
  for (let f = 0; f < 120; f++) {
    const records = Array.from({ length: 150 }, () => {
      n++;
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      return {
        eventVersion: '1.09',
        userIdentity: {
          type: 'IAMUser',
          arn: `arn:aws:iam::111122223333:user/u${n % 7}`,
        },
        eventTime: new Date(Date.UTC(2024, 0, 1) + n * 1000)
          .toISOString()
          .replace('.000', ''),
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        awsRegion: 'us-east-1',
        sourceIPAddress: '198.51.100.7',
        eventID: id,
        padding: 'x'.repeat(600),
      };
    });
    fs.writeFileSync(
      path.join(dir, `f${f}.json.gz`),
      zlib.gzipSync(JSON.stringify({ Records: records })),
    );
  }
  return n;
}

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

function counts(caseDir: string): unknown {
  const sql = `SELECT (SELECT count(*) FROM events) AS events,
    (SELECT count(DISTINCT event_uid) FROM events) AS uids,
    (SELECT count(*) FROM evidence_files) AS files,
    (SELECT count(*) FROM evidence_files WHERE status = 'ok') AS ok_files`;
  const result = cli(['query', caseDir, sql, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('crash safety', () => {
  it('a SIGKILL mid-ingest, then the same command again, gives the counts of a clean run', async () => {
    const evidence = path.join(work, 'trail');
    fs.mkdirSync(evidence);
    const total = writeTrail(evidence);
    const env = { KEYTRAIL_BATCH_BYTES: String(200 * 1024), KEYTRAIL_LOG: 'info' };

    const clean = path.join(work, 'clean');
    expect(cli(['ingest', clean, evidence], env).status).toBe(0);
    const expected = counts(clean);
    expect(expected).toEqual([{ events: total, uids: total, files: 120, ok_files: 120 }]);

    const crashed = path.join(work, 'crashed');
    const child = spawn(process.execPath, [...NODE_ARGS, 'ingest', crashed, evidence], {
      env: { ...process.env, ...env },
    });
    let commits = 0;
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        commits += chunk.toString().split('batch committed').length - 1;
        if (commits >= 3 && child.exitCode === null && !child.killed)
          child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');

    const partial = counts(crashed) as { events: number }[];
    expect(partial[0]?.events).toBeGreaterThan(0);
    expect(partial[0]?.events).toBeLessThan(total);

    expect(cli(['ingest', crashed, evidence], env).status).toBe(0);
    expect(counts(crashed)).toEqual(expected);
    expect(
      fs.readdirSync(path.join(crashed, 'tmp')).filter((f) => f.startsWith('stage-')),
    ).toEqual([]);
  }, 120_000);
});
