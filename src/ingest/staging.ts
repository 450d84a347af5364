import fs from 'node:fs';
import path from 'node:path';
import type { EventSource } from './formats/types.js';

/**
 * A batch of records on its way into DuckDB, as a text file DuckDB reads with
 * `read_csv` at over a million lines a second. One line per record:
 *
 *     <file_id> \x01 <record_index> \x01 <source> \x01 <record text>
 *
 * Valid JSON never holds bytes below 0x20 except as whitespace, so \x01 cannot occur
 * in a record, and a line break (only possible between tokens) is written as \x02 (LF)
 * or \x03 (CR) and put back by the normalizing SQL. A record that holds any of these
 * bytes is not valid JSON; it is counted as skipped and not staged.
 *
 * Lines are assembled in one reused buffer: ingest stages gigabytes, and a Buffer per
 * record would keep the garbage collector busy.
 */
export class StagingBatch {
  readonly path: string;
  records = 0;
  bytes = 0;
  /** The event sources of the staged records. */
  readonly sources = new Set<EventSource>();
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private closed = false;

  constructor(dir: string, name: string) {
    this.path = path.join(dir, name);
    this.fd = fs.openSync(this.path, 'w');
  }

  /** Returns false when the record cannot be valid JSON (and was not staged). */
  add(fileId: number, index: number, source: EventSource, record: Buffer): boolean {
    if (record.includes(1) || record.includes(2) || record.includes(3)) return false;
    const prefix = `${fileId}\x01${index}\x01${source}\x01`;
    this.reserve(prefix.length + record.length + 1);
    this.used += this.buffer.write(prefix, this.used, 'latin1');
    const start = this.used;
    this.used += record.copy(this.buffer, this.used);
    if (record.includes(0x0a) || record.includes(0x0d)) {
      for (let i = start; i < this.used; i++) {
        if (this.buffer[i] === 0x0a) this.buffer[i] = 0x02;
        else if (this.buffer[i] === 0x0d) this.buffer[i] = 0x03;
      }
    }
    this.buffer[this.used++] = 0x0a;
    this.sources.add(source);
    this.records++;
    this.bytes += record.length;
    return true;
  }

  /** Copies a line taken from another staging file, as it is. */
  appendRaw(line: Buffer, source: EventSource): void {
    this.reserve(line.length);
    this.used += line.copy(this.buffer, this.used);
    this.sources.add(source);
    this.records++;
    this.bytes += line.length;
  }

  /** Writes what is buffered and closes the file (once). */
  finish(): void {
    if (this.closed) return;
    this.flush();
    fs.closeSync(this.fd);
    this.closed = true;
  }

  remove(): void {
    fs.rmSync(this.path, { force: true });
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  private flush(): void {
    if (this.used === 0) return;
    fs.writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
}

const CHUNK_BYTES = 8 * 1024 * 1024;
