import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../src/api/engine-api.js';
import { startIngestJob } from '../../src/jobs/ingest-job.js';
import { JobRegistry } from '../../src/jobs/jobs.js';
import { FIXTURES, withTempCase } from '../helpers/temp-case.js';

describe('jobs', () => {
  it('runs an ingest as a job with progress, visible through the API', async () => {
    await withTempCase(async (store) => {
      const jobs = new JobRegistry();
      const api = createEngineApi(store, jobs);
      const started = startIngestJob(store, jobs, [path.join(FIXTURES, 'cloudtrail')]);
      expect(started.state).toBe('running');
      const done = await jobs.wait(started.jobId);
      expect(done?.state).toBe('done');
      expect(done?.result).toMatchObject({ events: 44, files: 4 });
      expect(done?.progress).toMatchObject({ filesDone: 4, filesTotal: 4 });
      const seen = await api.job({ jobId: started.jobId });
      expect(seen.state).toBe('done');
      expect((await api.jobs({})).map((j) => j.jobId)).toEqual([started.jobId]);
    });
  });

  it('cancels a running ingest, keeping what was committed', async () => {
    await withTempCase(async (store) => {
      const jobs = new JobRegistry();
      const started = startIngestJob(store, jobs, [path.join(FIXTURES, 'cloudtrail')]);
      expect(jobs.cancel(started.jobId)).toBe(true);
      const done = await jobs.wait(started.jobId);
      expect(done?.state).toBe('cancelled');
      expect(done?.result).toMatchObject({ cancelled: true });
      expect(jobs.cancel(started.jobId)).toBe(false);
    });
  });

  it('reports a failed job as an error value', async () => {
    const jobs = new JobRegistry();
    const started = jobs.start('boom', async () => {
      throw new Error('secret detail');
    });
    const done = await jobs.wait(started.jobId);
    expect(done?.state).toBe('failed');
    expect(done?.error).toEqual({
      code: 'internal',
      message: 'Internal error; see the Keytrail log for details.',
    });
  });
});
