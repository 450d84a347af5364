import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/temp-case.js';
import * as fakeElectron from './fake-electron.js';

const { contextBridge, ipcRenderer } = fakeElectron;

const required: string[] = [];

/**
 * Runs the preload the way a sandboxed renderer does: compiled to CommonJS, in a fresh
 * context with no Node globals, where `require` knows only `electron`.
 */
beforeAll(() => {
  const file = path.join(REPO, 'electron', 'preload.cts');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023 },
  });
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`A sandboxed preload cannot require ${id}.`);
  };
  const module = { exports: {} };
  vm.runInNewContext(outputText, {
    require: sandboxRequire,
    module,
    exports: module.exports,
  });
});

describe('the preload bridge', () => {
  it('exposes exactly one function, call, as window.keytrail', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['keytrail']);

    const bridge = contextBridge.exposed.get('keytrail');
    expect(typeof bridge).toBe('object');
    expect(Object.keys(bridge as object)).toEqual(['call']);
    expect(typeof (bridge as { call: unknown }).call).toBe('function');
  });

  it('sends the operation as a string and the input on keytrail:call', async () => {
    const bridge = contextBridge.exposed.get('keytrail') as {
      call: (operation: unknown, input: unknown) => Promise<unknown>;
    };

    const answer = await bridge.call('query', { sql: 'SELECT 1' });
    await bridge.call({ toString: () => 'caseInfo' }, undefined);

    expect(ipcRenderer.invoke.mock.calls).toEqual([
      ['keytrail:call', 'query', { sql: 'SELECT 1' }],
      ['keytrail:call', 'caseInfo', undefined],
    ]);
    expect(answer).toEqual({
      ok: true,
      value: { channel: 'keytrail:call', args: ['query', { sql: 'SELECT 1' }] },
    });
  });

  it('never hands the page ipcRenderer itself', () => {
    const bridge = contextBridge.exposed.get('keytrail') as Record<string, unknown>;

    for (const value of Object.values(bridge)) expect(value).not.toBe(ipcRenderer);
    expect(Object.values(bridge)).not.toContain(ipcRenderer.invoke);
  });

  it('requires nothing but electron (sandboxed preloads cannot)', () => {
    expect(required).toEqual(['electron']);

    const source = fs.readFileSync(path.join(REPO, 'electron', 'preload.cts'), 'utf8');
    const specifiers = [
      ...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'([^']+)'/g),
    ].map((match) => match[1]);

    expect(specifiers).toEqual(['electron']);
  });
});
