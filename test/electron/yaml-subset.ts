/**
 * Reads the small part of YAML that electron-builder.yml uses: nested `key: value` maps
 * by indentation, `- item` lists of scalars, comments, and plain or single-quoted
 * scalars. Anything else (flow collections, anchors, multi-line strings, lists of maps)
 * throws, so a config that outgrows this reader fails its test instead of being misread.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

interface Line {
  indent: number;
  text: string;
  number: number;
}

function scalar(raw: string, line: number): string | number | boolean | null {
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) throw new Error(`line ${line}: open quote`);
    return raw.slice(1, -1).replaceAll("''", "'");
  }
  if (/^["[{&*!|>]/.test(raw)) throw new Error(`line ${line}: unsupported YAML: ${raw}`);
  if (raw === 'null' || raw === '~' || raw === '') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

function stripComment(text: string): string {
  // A `#` starts a comment at line start or after a space, outside single quotes.
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    if (ch === '#' && !quoted && (i === 0 || text[i - 1] === ' '))
      return text.slice(0, i);
  }
  return text;
}

function toLines(source: string): Line[] {
  const lines: Line[] = [];
  for (const [i, rawLine] of source.split(/\r?\n/).entries()) {
    if (rawLine.includes('\t')) throw new Error(`line ${i + 1}: tab character`);
    const text = stripComment(rawLine).trimEnd();
    if (text.trim() === '') continue;
    if (text.trim() === '---') throw new Error(`line ${i + 1}: multiple documents`);
    lines.push({
      indent: text.length - text.trimStart().length,
      text: text.trim(),
      number: i + 1,
    });
  }
  return lines;
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  const first = lines[start];
  if (first === undefined) return [null, start];

  const isItem = (line: Line | undefined): line is Line =>
    line !== undefined && line.indent === indent && line.text.startsWith('- ');

  if (isItem(first)) {
    const items: YamlValue[] = [];
    let i = start;
    for (let line = lines[i]; isItem(line); line = lines[i]) {
      const item = line.text.slice(2).trim();
      if (/^[^']*:(\s|$)/.test(item))
        throw new Error(`line ${line.number}: list of maps`);
      items.push(scalar(item, line.number));
      i += 1;
    }
    return [items, i];
  }

  const map: YamlMap = {};
  let i = start;
  for (
    let line = lines[i];
    line !== undefined && line.indent === indent;
    line = lines[i]
  ) {
    const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(line.text);
    if (match === null) throw new Error(`line ${line.number}: expected "key: value"`);
    const [, key = '', rest = ''] = match;
    if (key in map) throw new Error(`line ${line.number}: duplicate key ${key}`);
    i += 1;

    const next = lines[i];
    if (rest === '' && next !== undefined && next.indent > indent) {
      const [value, after] = parseBlock(lines, i, next.indent);
      map[key] = value;
      i = after;
    } else if (
      rest === '' &&
      next !== undefined &&
      next.indent === indent &&
      next.text.startsWith('- ')
    ) {
      // A list may sit at its key's own indentation.
      const [value, after] = parseBlock(lines, i, indent);
      map[key] = value;
      i = after;
    } else {
      map[key] = scalar(rest, line.number);
    }
  }
  return [map, i];
}

export function parseYamlSubset(source: string): YamlMap {
  const lines = toLines(source);
  const [value, end] = parseBlock(lines, 0, 0);
  const stray = lines[end];
  if (stray !== undefined)
    throw new Error(`line ${stray.number}: unexpected indentation`);
  if (value === null || Array.isArray(value) || typeof value !== 'object') {
    throw new Error('expected a map at the top level');
  }
  return value;
}
