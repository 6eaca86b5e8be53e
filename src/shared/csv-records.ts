/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and line
 * breaks), keeping the line each record starts on, so an importer can name the line of a bad row.
 */
export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

/** `unclosed` is the line of a quoted field that never closes (the rest of the file is lost to it). */
export function csvRecords(text: string): { records: CsvRecord[]; unclosed?: number } {
  const records: CsvRecord[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 1;
  lines.forEach((text, index) => {
    if (!quoted) start = index + 1;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else field += c;
    }
    if (quoted) {
      field += '\n';
      return;
    }
    records.push({ line: start, fields: [...fields, field] });
    fields = [];
    field = '';
  });
  return quoted ? { records, unclosed: start } : { records };
}
