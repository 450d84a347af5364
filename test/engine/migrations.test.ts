import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/store/case-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { rows, tempDir } from '../helpers/temp-case.js';

const dirs: string[] = [];
afterEach(() =>
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })),
);

function newDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe('case migrations', () => {
  it('creates a case folder with the database, evidence/ and every migration applied', async () => {
    const dir = newDir();
    const store = await CaseStore.open(dir);
    const applied = await rows(
      store,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    store.close();
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(fs.existsSync(path.join(dir, 'case.duckdb'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'evidence'))).toBe(true);
  });

  it('migration 1 creates evidence_files, events, identities and journal', async () => {
    const dir = newDir();
    const store = await CaseStore.open(dir, {
      migrations: MIGRATIONS.filter((m) => m.version <= 1),
    });
    const tables = await rows(
      store,
      `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'main' ORDER BY 1`,
    );
    const eventColumns = await rows(
      store,
      `SELECT column_name FROM information_schema.columns
      WHERE table_name = 'events'`,
    );
    store.close();
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['events', 'evidence_files', 'identities', 'journal']),
    );
    const names = eventColumns.map((c) => c.column_name);
    for (const col of [
      'event_uid',
      'time',
      'cloud',
      'source',
      'account',
      'region',
      'service',
      'action',
      'outcome',
      'error_code',
      'actor_id',
      'actor_type',
      'credential_id',
      'session_id',
      'src_ip',
      'src_asn',
      'src_country',
      'user_agent',
      'read_only',
      'resources',
      'file_id',
      'raw',
    ]) {
      expect(names).toContain(col);
    }
  });

  it('migration 2 adds IAM inventory columns, credential and policy tables, and the grants and credential_chain views to a case with data', async () => {
    const dir = newDir();
    const old = await CaseStore.open(dir, {
      migrations: MIGRATIONS.filter((m) => m.version <= 1),
    });
    await old.withConnection((c) =>
      c.run(`INSERT INTO identities (identity_id, cloud, kind, event_count, in_inventory)
        VALUES ('arn:aws:iam::111122223333:role/app', 'aws', 'role', 7, false)`),
    );
    old.close();

    const store = await CaseStore.open(dir, {
      migrations: MIGRATIONS.filter((m) => m.version <= 2),
    });
    const tables = await rows(
      store,
      `SELECT table_name, table_type FROM information_schema.tables
      WHERE table_schema = 'main' ORDER BY 1`,
    );
    const identityColumns = await rows(
      store,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'identities'`,
    );
    const [kept] = await rows(store, 'SELECT event_count, arn, path FROM identities');
    const [chain] = await rows(store, 'SELECT count(*) AS n FROM credential_chain');
    const [grants] = await rows(store, 'SELECT count(*) AS n FROM grants');
    store.close();

    const byName = Object.fromEntries(tables.map((t) => [t.table_name, t.table_type]));
    for (const table of [
      'credentials',
      'policies',
      'policy_attachments',
      'policy_statements',
      'group_members',
      'trusts',
    ]) {
      expect(byName[table]).toBe('BASE TABLE');
    }
    expect(byName.grants).toBe('VIEW');
    expect(byName.credential_chain).toBe('VIEW');
    expect(identityColumns.map((c) => c.column_name)).toEqual(
      expect.arrayContaining([
        'arn',
        'path',
        'unique_id',
        'last_used_at',
        'inventory_file_id',
      ]),
    );
    expect(kept).toEqual({ event_count: 7n, arn: null, path: null });
    expect(chain?.n).toBe(0n);
    expect(grants?.n).toBe(0n);
  });

  it('migrates an older case forward on open, keeping its data', async () => {
    const dir = newDir();
    const old = await CaseStore.open(dir, { migrations: [] });
    old.close();
    const store = await CaseStore.open(dir);
    const [row] = await rows(store, 'SELECT max(version) AS v FROM schema_migrations');
    store.close();
    expect(row?.v).toBe(SCHEMA_VERSION);
  });

  it('refuses a case written by a newer Keytrail', async () => {
    const dir = newDir();
    const store = await CaseStore.open(dir);
    await store.withConnection((c) =>
      c.run(`INSERT INTO schema_migrations VALUES (999, 'future', now())`),
    );
    store.close();
    await expect(CaseStore.open(dir)).rejects.toMatchObject({ code: 'case_too_new' });
  });

  it('gives a clear error for a damaged database file', async () => {
    const dir = newDir();
    fs.writeFileSync(path.join(dir, 'case.duckdb'), 'this is not a database'.repeat(100));
    await expect(CaseStore.open(dir)).rejects.toMatchObject({ code: 'case_damaged' });
  });

  it('does not create a case when asked to open an existing one', async () => {
    const dir = path.join(newDir(), 'missing');
    await expect(CaseStore.open(dir, { create: false })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('migration 3', () => {
  it('adds detection runs, baselines, findings and risk columns to a version-2 case', async () => {
    const dir = newDir();
    const old = await CaseStore.open(dir, {
      migrations: MIGRATIONS.filter((m) => m.version <= 2),
    });
    await old.withConnection((c) =>
      c.run(
        `INSERT INTO identities (identity_id, cloud, kind) VALUES ('arn:aws:iam::1:user/a', 'aws', 'user')`,
      ),
    );
    old.close();
    const store = await CaseStore.open(dir);
    const tables = await rows(
      store,
      `SELECT table_name FROM information_schema.tables
      WHERE table_name IN ('detection_runs', 'baselines', 'baseline_daily', 'findings') ORDER BY 1`,
    );
    const [identity] = await rows(
      store,
      'SELECT identity_id, risk_score, finding_count FROM identities',
    );
    store.close();
    expect(tables.map((t) => t.table_name)).toEqual([
      'baseline_daily',
      'baselines',
      'detection_runs',
      'findings',
    ]);
    expect(identity).toEqual({
      identity_id: 'arn:aws:iam::1:user/a',
      risk_score: null,
      finding_count: null,
    });
  });
});
