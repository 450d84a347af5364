import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeytrailApi } from '../../src/api/contract.js';
import { createEngineApi } from '../../src/api/engine-api.js';
import { setLogLevel } from '../../src/log/logger.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { CaseStore } from '../../src/store/case-store.js';
import {
  createCallHandler,
  IPC_CHANNEL,
  isTrustedSender,
  registerIpc,
  type FrameLike,
  type InvokeEventLike,
  type WebContentsLike,
} from '../../electron/ipc.main.js';
import { tempDir } from '../helpers/temp-case.js';

const PAGE = 'keytrail://app/index.html';

// Refusals are logged at `warn`; these tests provoke them on purpose.
setLogLevel('silent');

function fakeContents(url = PAGE): WebContentsLike & { mainFrame: FrameLike } {
  return { mainFrame: { url, parent: null, processId: 3, routingId: 11 } };
}

function eventFrom(sender: WebContentsLike, frame: FrameLike | null): InvokeEventLike {
  return { sender, senderFrame: frame };
}

describe('isTrustedSender', () => {
  const ours = fakeContents();

  it('accepts the main frame of our window on our page', () => {
    expect(isTrustedSender(eventFrom(ours, ours.mainFrame), ours)).toBe(true);
    expect(isTrustedSender(eventFrom(ours, { ...ours.mainFrame }), ours)).toBe(true);
  });

  it('refuses another webContents, even on our page', () => {
    const other = fakeContents();
    expect(isTrustedSender(eventFrom(other, other.mainFrame), ours)).toBe(false);
  });

  it('refuses a frame on a foreign URL', () => {
    for (const url of ['https://evil.example/', 'keytrail://evil/', 'file:///x', '']) {
      const frame = { ...ours.mainFrame, url };
      expect(isTrustedSender(eventFrom(ours, frame), ours), url).toBe(false);
    }
  });

  it('refuses a subframe, even on our page', () => {
    const child = { url: PAGE, parent: ours.mainFrame, processId: 3, routingId: 12 };
    expect(isTrustedSender(eventFrom(ours, child), ours)).toBe(false);
  });

  it('refuses a top-level frame that is not the main frame', () => {
    const fenced = { url: PAGE, parent: null, processId: 3, routingId: 99 };
    expect(isTrustedSender(eventFrom(ours, fenced), ours)).toBe(false);
  });

  it('refuses a sender without a frame, or before the window exists', () => {
    expect(isTrustedSender(eventFrom(ours, null), ours)).toBe(false);
    expect(isTrustedSender(eventFrom(ours, ours.mainFrame), null)).toBe(false);
  });
});

describe('the call handler over a fake api', () => {
  const ours = fakeContents();
  const calls: unknown[] = [];
  const api: KeytrailApi = {
    caseInfo: async () => ({
      caseDir: '/case',
      schemaVersion: 1,
      keytrailVersion: '0.0.0',
    }),
    overview: async () => {
      throw new Error('not used');
    },
    query: async (input) => {
      calls.push(input);
      return { columns: [], rows: [], truncated: false };
    },
    jobs: async () => [],
    job: async () => {
      throw new Error('not used');
    },
    cancelJob: async () => ({ cancelled: false }),
  };
  const handler = createCallHandler({ getApi: () => api, getWebContents: () => ours });

  it('answers our page with the dispatch result', async () => {
    const result = await handler(eventFrom(ours, ours.mainFrame), 'query', {
      sql: 'SELECT 1',
    });

    expect(result).toEqual({
      ok: true,
      value: { columns: [], rows: [], truncated: false },
    });
    expect(calls).toEqual([{ sql: 'SELECT 1' }]);
  });

  it('refuses a foreign sender before the engine sees anything', async () => {
    calls.length = 0;
    const other = fakeContents('https://evil.example/');
    const foreign = await handler(eventFrom(other, other.mainFrame), 'query', {
      sql: 'x',
    });
    const child = { url: PAGE, parent: ours.mainFrame, processId: 3, routingId: 12 };
    const subframe = await handler(eventFrom(ours, child), 'query', { sql: 'x' });

    for (const result of [foreign, subframe]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual([]);
  });

  it('lets dispatch validate the operation and input', async () => {
    const event = eventFrom(ours, ours.mainFrame);

    expect(await handler(event, 'dropTables', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handler(event, 'query', { sql: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handler(event, { toString: () => 'query' }, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('reports when no case is open', async () => {
    const closed = createCallHandler({ getApi: () => null, getWebContents: () => ours });

    expect(await closed(eventFrom(ours, ours.mainFrame), 'caseInfo', {})).toMatchObject({
      ok: false,
      error: { code: 'no_case' },
    });
  });

  it('is registered on the one channel', async () => {
    const registered = new Map<string, (...args: never[]) => unknown>();
    registerIpc({ handle: (channel, fn) => void registered.set(channel, fn) }, handler);

    expect([...registered.keys()]).toEqual([IPC_CHANNEL]);
    expect(IPC_CHANNEL).toBe('keytrail:call');
  });
});

describe('the call handler over a real case', () => {
  let dir: string;
  let store: CaseStore;

  beforeAll(async () => {
    dir = tempDir('keytrail-ipc-');
    store = await CaseStore.open(dir);
  });

  afterAll(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns caseInfo for our page', async () => {
    const ours = fakeContents();
    const api = createEngineApi(store);
    const handler = createCallHandler({ getApi: () => api, getWebContents: () => ours });

    const result = await handler(eventFrom(ours, ours.mainFrame), 'caseInfo', {});

    expect(result).toMatchObject({
      ok: true,
      value: { caseDir: store.dir, schemaVersion: SCHEMA_VERSION },
    });
  });
});
