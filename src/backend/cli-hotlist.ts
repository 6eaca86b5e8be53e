/**
 * `opentas-hub hotlist import`: a hot-list file as agencies get it (CSV with a header row, e.g. an
 * NCIC or LEADS extract) stored as a list of the hub, whole: `--map plate=LIC,state=LIS,...` names the
 * column of each entry field. Every row is checked first; a file with a bad row stores nothing (exit 1,
 * the first bad rows named) unless `--skip-bad`. Running hubs pick the new list up by its version
 * (docs/adr/0021). Progress goes to stderr every 100,000 rows; the last stdout line says what was stored.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CATEGORIES, Domain, HotlistEntry, HotlistSource, HotlistUpload, IsoTime, MAX_HOTLIST_ENTRIES, HotlistId } from '../shared/protocol/index.js';
import { CsvRecords } from '../shared/csv-records.js';
import { SecurityLog } from './audit/security-log.js';
import type { Clock } from './clock.js';
import { storeList } from './matcher/hotlist-book.js';
import type { HubStore } from './store/port.js';

const FIELDS = ['plate', 'state', 'category', 'reason', 'entryId', 'enteredAt'] as const;
type Field = (typeof FIELDS)[number];
const PROGRESS_EVERY = 100_000;
const SHOW_BAD = 5;

export class ImportUsageError extends Error {}

export interface ImportOptions {
  file: string;
  id: string;
  source: string;
  map: string;
  name?: string;
  domain?: string;
  downloadedAt?: string;
  category?: string;
  reason?: string;
  skipBad: boolean;
}

/** `plate=LIC,state=LIS`: entry field -> column name. */
export function parseMap(map: string): Map<Field, string> {
  const out = new Map<Field, string>();
  for (const pair of map.split(',')) {
    const [field, column, ...rest] = pair.split('=');
    if (!field || !column || rest.length > 0) throw new ImportUsageError(`--map: "${pair}" is not field=COLUMN`);
    if (!(FIELDS as readonly string[]).includes(field)) throw new ImportUsageError(`--map: unknown field "${field}" (fields: ${FIELDS.join(', ')})`);
    out.set(field as Field, column.trim());
  }
  for (const need of ['plate', 'state'] as const) if (!out.has(need)) throw new ImportUsageError(`--map must name the ${need} column`);
  return out;
}

/** A cell as the list wants it: plates upper case without spaces or dashes, an empty state `UNK`. */
function cell(field: Field, raw: string): string | undefined {
  const v = raw.trim();
  if (field === 'plate') return v.toUpperCase().replace(/[\s-]/g, '');
  if (field === 'state') return v === '' ? 'UNK' : v.toUpperCase();
  if (field === 'category') return v.toLowerCase();
  return v === '' ? undefined : v;
}

export async function hotlistImport(store: HubStore, o: ImportOptions, clock: Clock, progress: (line: string) => void): Promise<number> {
  const map = parseMap(o.map);
  const id = HotlistId.safeParse(o.id);
  if (!id.success) throw new ImportUsageError(`--id: ${id.error.issues[0]?.message ?? 'not a list id'}`);
  if (!HotlistSource.safeParse(o.source).success) throw new ImportUsageError(`--source must be one of ${HotlistSource.options.join(', ')}`);
  if (o.domain !== undefined && !Domain.safeParse(o.domain).success) throw new ImportUsageError('--domain must be general or motor_carrier');
  if (o.downloadedAt !== undefined && !IsoTime.safeParse(o.downloadedAt).success) throw new ImportUsageError('--downloaded-at must be an ISO 8601 time with a zone');
  if (!map.has('category') && (o.category === undefined || !(CATEGORIES as readonly string[]).includes(o.category))) {
    throw new ImportUsageError(`map a category column or give --category (${CATEGORIES.join(', ')})`);
  }
  if (!map.has('reason') && !o.reason) throw new ImportUsageError('map a reason column or give --reason');
  let size: number;
  try {
    size = statSync(o.file).size;
  } catch {
    throw new ImportUsageError(`cannot read --file ${o.file}`);
  }

  const input = createReadStream(o.file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const csv = new CsvRecords();
  let columns: Map<Field, number> | undefined;
  const entries: HotlistEntry[] = [];
  const bad: string[] = [];
  let badCount = 0;
  let rows = 0;
  let lineNo = 0;
  let recordLine = 1;
  for await (const line of lines) {
    lineNo += 1;
    if (!csv.open) recordLine = lineNo;
    const record = csv.feed(line);
    if (!record) continue;
    if (!columns) {
      columns = header(record, map);
      continue;
    }
    if (record.length === 1 && record[0]!.trim() === '') continue;
    rows += 1;
    const raw: Record<string, string | undefined> = { category: o.category, reason: o.reason };
    for (const [field, index] of columns) {
      const v = cell(field, record[index] ?? '');
      if (v !== undefined) raw[field] = v;
    }
    const parsed = HotlistEntry.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
    if (parsed.success) entries.push(parsed.data);
    else {
      badCount += 1;
      if (bad.length < SHOW_BAD) bad.push(`line ${recordLine}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    if (rows % PROGRESS_EVERY === 0) progress(`read ${rows} rows (${Math.round((input.bytesRead / Math.max(size, 1)) * 100)}%)`);
  }
  if (!columns) throw new ImportUsageError(`${o.file} has no header row`);
  if (csv.open) {
    bad.push(`line ${recordLine}: a quoted field is never closed`);
    badCount += 1;
  }
  progress(`read ${rows} rows (100%): ${entries.length} entries, ${badCount} bad`);
  for (const b of bad) progress(b);
  if (badCount > 0 && !o.skipBad) {
    console.log(`nothing imported: ${badCount} bad row(s) (fix them, or --skip-bad to import the ${entries.length} good ones)`);
    return 1;
  }
  if (entries.length > MAX_HOTLIST_ENTRIES) {
    console.log(`nothing imported: ${entries.length} entries, more than a list may hold (${MAX_HOTLIST_ENTRIES})`);
    return 1;
  }
  const upload = HotlistUpload.parse({
    name: o.name ?? `${o.source} list`,
    source: o.source,
    ...(o.domain ? { domain: o.domain } : {}),
    downloadedAt: o.downloadedAt ?? clock.now().toISOString(),
    entries,
  });
  const record = await storeList(store.hotlists, id.data, upload, clock.now());
  await new SecurityLog(store.audit, clock).record('hotlist_put', 'success', { userId: null, username: 'cli', source: 'cli' }, { id: record.id, source: record.source, entries: record.entries, version: record.version, file: o.file, skipped: badCount });
  console.log(`imported ${record.entries} entries into hot list ${record.id} (${record.source}), version ${record.version}${badCount > 0 ? `; skipped ${badCount} bad row(s)` : ''}`);
  return 0;
}

/** The index of each mapped column in the header row (names compared without case or spaces around). */
function header(record: string[], map: Map<Field, string>): Map<Field, number> {
  const names = record.map((h) => h.trim().toLowerCase());
  const out = new Map<Field, number>();
  for (const [field, column] of map) {
    const index = names.indexOf(column.toLowerCase());
    if (index < 0) throw new ImportUsageError(`the file has no column "${column}" (its columns: ${record.map((h) => h.trim()).join(', ')})`);
    out.set(field, index);
  }
  return out;
}
