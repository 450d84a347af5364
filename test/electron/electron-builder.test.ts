import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/temp-case.js';
import { parseYamlSubset, type YamlMap, type YamlValue } from './yaml-subset.js';

const config = parseYamlSubset(
  fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'),
);

function map(value: YamlValue | undefined): YamlMap {
  if (
    value === null ||
    value === undefined ||
    typeof value !== 'object' ||
    Array.isArray(value)
  ) {
    throw new Error(`expected a map, got ${JSON.stringify(value)}`);
  }
  return value;
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config['appId']).toBe('dev.keytrail.app');
    expect(config['productName']).toBe('Keytrail');
    expect(map(config['directories'])['output']).toBe('release/');
  });

  it('packages the build, the manifest and the dependencies, without test folders', () => {
    const files = config['files'];

    expect(files).toEqual(
      expect.arrayContaining(['dist/**', 'package.json', 'node_modules/**']),
    );
    expect(
      (files as YamlValue[]).some(
        (pattern) =>
          typeof pattern === 'string' &&
          pattern.startsWith('!') &&
          pattern.includes('node_modules') &&
          pattern.includes('test') &&
          pattern.includes('fixtures'),
      ),
    ).toBe(true);
  });

  it('keeps the DuckDB native binding outside the asar', () => {
    expect(config['asarUnpack']).toEqual(['**/node_modules/@duckdb/**']);
  });

  it('publishes nothing (no auto-update)', () => {
    expect(config).toHaveProperty('publish', null);
  });

  it('flips the security fuses', () => {
    expect(map(config['electronFuses'])).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('builds AppImage and deb, NSIS and DMG', () => {
    expect(map(config['linux'])['target']).toEqual(['AppImage', 'deb']);
    expect(map(config['win'])['target']).toEqual(['nsis']);
    expect(map(config['mac'])['target']).toEqual(['dmg']);
  });
});

describe('the YAML subset reader', () => {
  it('reads maps, lists, quotes and comments', () => {
    const yaml = [
      '# comment',
      'a: 1',
      'b:',
      '  c: true',
      "  d: 'x # not a comment'  # a comment",
      'e:',
      '- one',
      "- 'two'",
      'f: null',
    ].join('\n');

    expect(parseYamlSubset(yaml)).toEqual({
      a: 1,
      b: { c: true, d: 'x # not a comment' },
      e: ['one', 'two'],
      f: null,
    });
  });

  it.each([
    'a: [1, 2]',
    'a: {b: 1}',
    'a: &anchor 1',
    'a: |\n  text',
    'a:\n  - b: 1',
    'a: 1\na: 2',
    'a: 1\n   b: 2',
  ])('refuses what it does not understand: %j', (yaml) => {
    expect(() => parseYamlSubset(yaml)).toThrow();
  });
});
