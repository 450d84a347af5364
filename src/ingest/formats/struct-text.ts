/**
 * The text Athena and CloudTrail Lake (both Trino) print for ROW, MAP and ARRAY values,
 * read back into plain values:
 *
 *     {type=AssumedRole, principalid=AROA...:s, sessioncontext={attributes={...}}}
 *     [{arn=arn:aws:s3:::bucket, accountid=111122223333, type=AWS::S3::Bucket}]
 *
 * The rendering escapes nothing, so this is a best effort: a scalar ends at the `, `
 * that starts the next `key=`, or at the bracket that closes its parent; `null` is null;
 * a bracketed value that is valid JSON (a map value holding a JSON document) is kept as
 * JSON. Not yet handled: a scalar holding `, word=` (say, a user agent inside a map) is
 * cut there. Returns undefined when the text does not read as one whole value.
 */
const NEXT_KEY = /^,\s*[A-Za-z_][\w.:@/-]*=/;

export function parseStructText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const reader = new StructReader(trimmed);
    const value = reader.value('top');
    return reader.atEnd() ? value : undefined;
  } catch {
    return undefined;
  }
}

type Context = 'object' | 'array' | 'top';

class StructReader {
  private pos = 0;

  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.pos === this.s.length;
  }

  value(context: Context): unknown {
    this.skipSpace();
    const c = this.s[this.pos];
    if (c === '{' || c === '[') {
      const json = this.jsonAhead();
      if (json !== undefined) return json;
      return c === '{' ? this.object() : this.array();
    }
    return this.scalar(context);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipSpace();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      const eq = this.s.indexOf('=', this.pos);
      if (eq < 0) throw new Error('a key without a value');
      const key = this.s.slice(this.pos, eq).trim();
      this.pos = eq + 1;
      out[key] = this.value('object');
      if (this.closes('}')) return out;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value('array'));
      if (this.closes(']')) return out;
    }
  }

  /** After a value: true past the closing bracket, false past a `,` separator. */
  private closes(bracket: '}' | ']'): boolean {
    this.skipSpace();
    const c = this.s[this.pos];
    this.pos++;
    if (c === bracket) return true;
    if (c === ',') return false;
    throw new Error(`expected ',' or '${bracket}'`);
  }

  private scalar(context: Context): string | null {
    const start = this.pos;
    let i = start;
    for (; i < this.s.length; i++) {
      const c = this.s[i];
      if (context === 'object') {
        if (c === '}' || (c === ',' && NEXT_KEY.test(this.s.slice(i, i + 80)))) break;
      } else if (context === 'array') {
        if (c === ']' || c === ',') break;
      }
    }
    this.pos = i;
    const text = this.s.slice(start, i).trim();
    return text === 'null' ? null : text;
  }

  /** A bracketed value that is JSON, consumed whole; undefined otherwise. */
  private jsonAhead(): unknown {
    const next = this.s.slice(this.pos, this.pos + 2);
    if (!/^[[{]["{[\]}]/.test(next)) return undefined;
    const end = jsonEnd(this.s, this.pos);
    if (end < 0) return undefined;
    try {
      const value: unknown = JSON.parse(this.s.slice(this.pos, end));
      this.pos = end;
      return value;
    } catch {
      return undefined;
    }
  }

  private skipSpace(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }
}

/** Index past the bracket closing the one at `start`, skipping JSON strings; -1 if none. */
function jsonEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
