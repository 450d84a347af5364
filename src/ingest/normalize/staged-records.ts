import { quoteLiteral } from '../../store/sql.js';

/**
 * The rows of one staging file (see staging.ts): file_id, record_index, and raw, the
 * record's exact text with its line breaks put back.
 */
export function stagedRecordsSql(stagingPath: string): string {
  return `
    SELECT file_id, record_index,
      CASE WHEN contains(line, chr(2)) OR contains(line, chr(3))
        THEN replace(replace(line, chr(2), chr(10)), chr(3), chr(13))
        ELSE line END AS raw
    FROM read_csv(${quoteLiteral(stagingPath)},
      columns = {'file_id': 'INTEGER', 'record_index': 'INTEGER', 'line': 'VARCHAR'},
      delim = E'\\x01', quote = '', escape = '', header = false, auto_detect = false,
      max_line_size = 268435456, strict_mode = false, null_padding = false)`;
}
