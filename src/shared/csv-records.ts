/**
 * Splits CSV into records (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).
 * `CsvRecords` is fed one line at a time, so an importer can stream a file of a million rows and
 * show progress; `csvRecords` splits a whole text and keeps the line each record starts on, so an
 * importer can name the line of a bad row.
 */
export class CsvRecords {
  private fields: string[] = [];
  private field = '';
  private quoted = false;

  /** The record this line completes, or undefined while a quoted field goes on to the next line. */
  feed(line: string): string[] | undefined {
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i]!;
      if (this.quoted) {
        if (c === '"' && line[i + 1] === '"') {
          this.field += '"';
          i += 1;
        } else if (c === '"') this.quoted = false;
        else this.field += c;
      } else if (c === '"') this.quoted = true;
      else if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
      } else this.field += c;
    }
    if (this.quoted) {
      this.field += '\n';
      return undefined;
    }
    const record = [...this.fields, this.field];
    this.fields = [];
    this.field = '';
    return record;
  }

  /** A quoted field is still open (at the end of the input: it never closed). */
  get open(): boolean {
    return this.quoted;
  }
}

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
  const splitter = new CsvRecords();
  let start = 1;
  lines.forEach((line, index) => {
    if (!splitter.open) start = index + 1;
    const fields = splitter.feed(line);
    if (fields) records.push({ line: start, fields });
  });
  return splitter.open ? { records, unclosed: start } : { records };
}
