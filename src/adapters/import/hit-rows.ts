/**
 * Hits from a file an agency has: CSV with a header row (a column named for each Hit field, or
 * `--map field=COLUMN,...`) or JSON (an array of hits, or `{hits: [...]}`). Each row becomes a Hit
 * checked with the protocol's own schema, or a reason naming its line (CSV) or item (JSON) and field.
 */
import { createHash } from 'node:crypto';
import { csvRecords } from '../../shared/csv-records.js';
import { Hit } from '../../shared/protocol/index.js';

export type HitRow = { where: string; hit: Hit } | { where: string; problem: string };

export class ImportUsageError extends Error {}

/** The Hit fields a CSV column can fill (dotted paths), with short names operators use. */
const FIELDS = [
  'id', 'plate', 'plateState', 'readAt', 'location.lat', 'location.lon', 'heading', 'camera.id', 'camera.name', 'camera.type', 'camera.network',
  'category', 'hotlist.source', 'hotlist.plate', 'hotlist.state', 'hotlist.reason', 'hotlist.entryId', 'hotlist.enteredAt', 'hotlist.caseNumber',
  'confidence', 'vehicle.make', 'vehicle.model', 'vehicle.color',
] as const;
const ALIASES: Record<string, string> = { state: 'plateState', lat: 'location.lat', lon: 'location.lon', source: 'hotlist.source', reason: 'hotlist.reason' };
const NUMERIC = new Set(['location.lat', 'location.lon', 'heading', 'confidence']);
const UPPER = new Set(['plate', 'plateState', 'hotlist.plate', 'hotlist.state', 'hotlist.source']);

function fieldName(name: string): string {
  const field = ALIASES[name] ?? name;
  if (!(FIELDS as readonly string[]).includes(field)) throw new ImportUsageError(`unknown hit field "${name}" (fields: ${FIELDS.join(', ')}; short names: ${Object.keys(ALIASES).join(', ')})`);
  return field;
}

/** `plate=LIC,state=LIS`: hit field -> column; `--set camera.network=other`: hit field -> constant. */
export function parsePairs(spec: string | undefined, flag: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!spec) return out;
  for (const pair of spec.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new ImportUsageError(`${flag}: "${pair}" is not field=VALUE`);
    out.set(fieldName(pair.slice(0, at).trim()), pair.slice(at + 1).trim());
  }
  return out;
}

export function csvHitRows(text: string, map: Map<string, string>, constants: Map<string, string>): HitRow[] {
  const { records, unclosed } = csvRecords(text);
  const [head, ...rows] = records;
  if (!head) throw new ImportUsageError('the file is empty (a CSV needs a header row)');
  const names = head.fields.map((h) => h.trim());
  const columns = new Map<string, number>();
  if (map.size > 0) {
    for (const [field, column] of map) {
      const index = names.findIndex((n) => n.toLowerCase() === column.toLowerCase());
      if (index < 0) throw new ImportUsageError(`the file has no column "${column}" (its columns: ${names.join(', ')})`);
      columns.set(field, index);
    }
  } else {
    names.forEach((n, index) => {
      const field = ALIASES[n] ?? n;
      if ((FIELDS as readonly string[]).includes(field)) columns.set(field, index);
    });
  }
  if (!columns.has('plate')) throw new ImportUsageError(`no plate column: name one with --map plate=COLUMN (the file's columns: ${names.join(', ')})`);
  const out: HitRow[] = [];
  for (const record of rows) {
    if (record.fields.length === 1 && record.fields[0]!.trim() === '') continue;
    const flat = new Map(constants);
    for (const [field, index] of columns) {
      const v = (record.fields[index] ?? '').trim();
      if (v !== '') flat.set(field, v);
    }
    out.push(checked(`line ${record.line}`, build(flat)));
  }
  if (unclosed !== undefined) out.push({ where: `line ${unclosed}`, problem: 'a quoted field is never closed' });
  return out;
}

export function jsonHitRows(text: string): HitRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ImportUsageError(`the file is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { hits?: unknown } | null)?.hits;
  if (!Array.isArray(items)) throw new ImportUsageError('a JSON file holds an array of hits or {"hits": [...]}');
  return items.map((item, index) => checked(`item ${index + 1}`, item));
}

/** Dotted fields to the nested Hit; numbers parsed; the list plate and state default from the read. */
function build(flat: Map<string, string>): Record<string, unknown> {
  const hit: Record<string, unknown> = {};
  for (const [field, raw] of flat) {
    let value: unknown = raw;
    if (NUMERIC.has(field)) value = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    else if (UPPER.has(field)) value = raw.toUpperCase().replace(/[\s-]/g, '');
    else if (field === 'category' || field === 'camera.type' || field === 'camera.network') value = raw.toLowerCase();
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (tail === undefined) hit[head] = value;
    else hit[head] = { ...((hit[head] as Record<string, unknown> | undefined) ?? {}), [tail]: value };
  }
  const list = (hit.hotlist as Record<string, unknown> | undefined) ?? {};
  // A hit file seldom repeats the entry's plate; its state is unknown unless given, which the desk flags.
  hit.hotlist = { plate: hit.plate, state: 'UNK', ...list };
  // Without an id column the row's content is its id, so importing the same file twice posts nothing new.
  if (hit.id === undefined) hit.id = `import-${createHash('sha256').update(JSON.stringify(hit)).digest('hex').slice(0, 32)}`;
  return hit;
}

function checked(where: string, value: unknown): HitRow {
  const parsed = Hit.safeParse(value);
  if (parsed.success) return { where, hit: parsed.data };
  return { where, problem: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ') };
}
