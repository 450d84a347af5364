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
 */
export class StagingBatch {
  readonly path: string;
  records = 0;
  bytes = 0;
  /** The event sources of the staged records. */
  readonly sources = new Set<EventSource>();
  private readonly fd: number;
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private closed = false;

  constructor(dir: string, name: string) {
    this.path = path.join(dir, name);
    this.fd = fs.openSync(this.path, 'w');
  }

  /** Returns false when the record cannot be valid JSON (and was not staged). */
  add(fileId: number, index: number, source: EventSource, record: Buffer): boolean {
    if (record.includes(1) || record.includes(2) || record.includes(3)) return false;
    let text = record;
    if (text.includes(0x0a) || text.includes(0x0d)) {
      text = Buffer.from(record);
      for (let i = 0; i < text.length; i++) {
        if (text[i] === 0x0a) text[i] = 0x02;
        else if (text[i] === 0x0d) text[i] = 0x03;
      }
    }
    this.push(Buffer.from(`${fileId}\x01${index}\x01${source}\x01`, 'latin1'));
    this.sources.add(source);
    this.push(text);
    this.push(NEWLINE);
    this.records++;
    this.bytes += record.length;
    return true;
  }

  /** Copies a line taken from another staging file, as it is. */
  appendRaw(line: Buffer, source: EventSource): void {
    this.sources.add(source);
    this.push(line);
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

  private push(buf: Buffer): void {
    this.chunks.push(buf);
    this.chunkBytes += buf.length;
    if (this.chunkBytes >= 4 * 1024 * 1024) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    fs.writeSync(this.fd, Buffer.concat(this.chunks, this.chunkBytes));
    this.chunks = [];
    this.chunkBytes = 0;
  }
}

const NEWLINE = Buffer.from('\n');
