/**
 * Hot-list entries packed for the hop from the hot-list worker thread to the hub's own: 1,000,000
 * entry objects sent as they are took 11 s to arrive (the structured clone is rebuilt object by
 * object on the receiving thread, in one go, with the event loop stopped). Packed, they are three
 * typed arrays handed over without a copy, and the hub's thread makes the entry objects a slice at a
 * time, delivering alerts between slices.
 */
import type { ListEntry } from './list-index.js';

/** Entries as columns: the text fields one after the other, state and category by number. */
export interface EntryColumns {
  count: number;
  /** plate, reason, entryId, enteredAt of each entry in UTF-8, one after the other. */
  text: Uint8Array;
  /** Where each of those four fields ends in `text`, 4 per entry; an empty field is an absent one. */
  ends: Uint32Array;
  /** state and category of each entry, 2 per entry, as indexes into `names`. */
  codes: Uint16Array;
  names: string[];
}

const FIELDS = 4;

/** The typed arrays' buffers, to hand over without a copy (postMessage's transfer list). */
export function columnBuffers(columns: EntryColumns): ArrayBuffer[] {
  return [columns.text.buffer, columns.ends.buffer, columns.codes.buffer] as ArrayBuffer[];
}

export function packEntries(entries: readonly ListEntry[]): EntryColumns {
  const ends = new Uint32Array(entries.length * FIELDS);
  const codes = new Uint16Array(entries.length * 2);
  const names: string[] = [];
  const numbers = new Map<string, number>();
  const code = (name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) {
      n = names.push(name) - 1;
      numbers.set(name, n);
    }
    return n;
  };
  const parts: string[] = [];
  let end = 0;
  for (let i = 0; i < entries.length; i += 1) {
    const e = entries[i]!;
    const fields = [e.plate, e.reason, e.entryId ?? '', e.enteredAt ?? ''];
    for (let f = 0; f < FIELDS; f += 1) {
      parts.push(fields[f]!);
      end += Buffer.byteLength(fields[f]!, 'utf8');
      ends[i * FIELDS + f] = end;
    }
    codes[i * 2] = code(e.state);
    codes[i * 2 + 1] = code(e.category);
  }
  const joined = Buffer.from(parts.join(''), 'utf8');
  // A buffer of its own (never a slice of Node's shared pool), so it can be handed over.
  const text = joined.byteOffset === 0 && joined.byteLength === joined.buffer.byteLength ? joined : new Uint8Array(joined);
  return { count: entries.length, text, ends, codes, names };
}

/**
 * Makes the entry objects, awaiting `pause` after every `every` of them. The fields come out in the
 * order the store and the old path had them (plate, state, category, reason, entryId?, enteredAt?).
 */
export async function unpackEntries(columns: EntryColumns, pause: () => Promise<void>, every = 50_000): Promise<ListEntry[]> {
  const { count, ends, codes, names } = columns;
  const text = Buffer.from(columns.text.buffer, columns.text.byteOffset, columns.text.byteLength);
  const entries = new Array<ListEntry>(count);
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const at = i * FIELDS;
    const plate = text.toString('utf8', start, ends[at]);
    const reason = text.toString('utf8', ends[at], ends[at + 1]);
    const entry: ListEntry = { plate, state: names[codes[i * 2]!]!, category: names[codes[i * 2 + 1]!]! as ListEntry['category'], reason };
    if (ends[at + 2]! > ends[at + 1]!) entry.entryId = text.toString('utf8', ends[at + 1], ends[at + 2]);
    if (ends[at + 3]! > ends[at + 2]!) entry.enteredAt = text.toString('utf8', ends[at + 2], ends[at + 3]);
    start = ends[at + 3]!;
    entries[i] = entry;
    if ((i + 1) % every === 0) await pause();
  }
  return entries;
}
