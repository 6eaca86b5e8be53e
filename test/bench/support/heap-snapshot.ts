/**
 * What fills a V8 heap: a heap snapshot (the .heapsnapshot JSON that Node's
 * --heapsnapshot-signal and Chromium's HeapProfiler write) summed by what each object is (its
 * constructor's name; strings, arrays, code and closures as one group each), biggest first.
 */
export interface HeapConsumer {
  name: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Groups by object: a constructor's name for objects, one group per other kind ('(string)', '(closure)', ...). */
export function heapConsumers(json: string, top = 8): { total: number; consumers: HeapConsumer[] } {
  const s = JSON.parse(json) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0) throw new Error('not a V8 heap snapshot (node_fields lacks type, name or self_size)');
  const groups = new Map<string, HeapConsumer>();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!] ?? 'unknown';
    const bytes = s.nodes[i + sizeAt]!;
    total += bytes;
    const name = type === 'object' ? s.strings[s.nodes[i + nameAt]!] ?? '(object)' : `(${type})`;
    const g = groups.get(name) ?? { name, count: 0, bytes: 0 };
    g.count++;
    g.bytes += bytes;
    groups.set(name, g);
  }
  return { total, consumers: [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top) };
}

export function describeConsumers(consumers: HeapConsumer[]): string {
  return consumers.map((c) => `${c.name} ${(c.bytes / 1048576).toFixed(1)} MB (${c.count})`).join(', ');
}
