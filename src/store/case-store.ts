import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { KeytrailError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
import { quoteLiteral } from './sql.js';

const log = createLogger('store');

export const CASE_DB_FILE = 'case.duckdb';

export interface OpenCaseOptions {
  /** Create the folder and database when missing (default true). */
  create?: boolean;
  /** Migrations to apply; tests pass a prefix to build an older case. */
  migrations?: readonly Migration[];
}

/**
 * One open case: a folder with `case.duckdb` and `evidence/`. DuckDB locks the file, so
 * one process at a time holds a case; within the process, writers take `writeLock`.
 *
 * The database is locked down after migrations: no file access outside the case folder
 * (so the SQL console cannot read or write elsewhere), no extension downloads, and the
 * configuration cannot be changed by later statements.
 */
export class CaseStore {
  readonly dir: string;
  private readonly instance: DuckDBInstance;
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, instance: DuckDBInstance) {
    this.dir = dir;
    this.instance = instance;
  }

  static async open(dir: string, options: OpenCaseOptions = {}): Promise<CaseStore> {
    const caseDir = path.resolve(dir);
    const dbPath = path.join(caseDir, CASE_DB_FILE);
    const exists = fs.existsSync(dbPath);
    if (!exists && options.create === false) {
      throw new KeytrailError(
        'not_found',
        `No case at ${caseDir} (missing ${CASE_DB_FILE}).`,
      );
    }
    fs.mkdirSync(path.join(caseDir, 'evidence'), { recursive: true });
    fs.mkdirSync(path.join(caseDir, 'tmp'), { recursive: true });

    const instance = await openInstance(dbPath);
    const store = new CaseStore(caseDir, instance);
    try {
      await store.migrate(options.migrations ?? MIGRATIONS);
      await store.lockDown();
    } catch (err) {
      instance.closeSync();
      throw err;
    }
    return store;
  }

  /** Folder for scratch files DuckDB may read or write (inside the allowed directory). */
  get tmpDir(): string {
    return path.join(this.dir, 'tmp');
  }

  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.instance.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Runs `fn` after every earlier writer has finished: one writer at a time. */
  async withWriter<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.withConnection(fn));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.instance.closeSync();
  }

  private async migrate(migrations: readonly Migration[]): Promise<void> {
    await this.withConnection(async (conn) => {
      await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
      const reader = await conn.runAndReadAll(
        'SELECT max(version) FROM schema_migrations',
      );
      const current = Number(reader.getRows()[0]?.[0] ?? 0);
      if (current > SCHEMA_VERSION) {
        throw new KeytrailError(
          'case_too_new',
          `This case has schema version ${current}; this Keytrail understands up to ${SCHEMA_VERSION}. Upgrade Keytrail.`,
        );
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        log.info('migrating case', { version: migration.version, name: migration.name });
        await conn.run('BEGIN TRANSACTION');
        try {
          await conn.run(migration.sql);
          await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
            migration.version,
            migration.name,
          ]);
          await conn.run('COMMIT');
        } catch (err) {
          await conn.run('ROLLBACK');
          throw err;
        }
      }
    });
  }

  private async lockDown(): Promise<void> {
    await this.withConnection(async (conn) => {
      const allowed = quoteLiteral(this.dir + path.sep);
      await conn.run(`SET GLOBAL TimeZone = 'UTC'`);
      await conn.run(`SET allowed_directories = [${allowed}]`);
      await conn.run('SET enable_external_access = false');
      await conn.run('SET autoinstall_known_extensions = false');
      await conn.run('SET autoload_known_extensions = false');
      await conn.run('SET lock_configuration = true');
    });
  }
}

async function openInstance(dbPath: string): Promise<DuckDBInstance> {
  try {
    // storage_compatibility_version: new cases use the current file format, which ZSTD
    // string compression needs (see migrations: events.raw). Existing files keep theirs.
    return await DuckDBInstance.create(dbPath, {
      preserve_insertion_order: 'false',
      storage_compatibility_version: 'v1.5.0',
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/lock/i.test(message)) {
      throw new KeytrailError(
        'case_locked',
        `The case database ${dbPath} is open in another program (another Keytrail?). Close it and try again.`,
        { cause: err },
      );
    }
    throw new KeytrailError(
      'case_damaged',
      `The case database ${dbPath} cannot be opened: it may be damaged or not a Keytrail case.`,
      { cause: err },
    );
  }
}
