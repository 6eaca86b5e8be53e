/**
 * docs/asyncapi.json cannot rot: it must be exactly what scripts/make-asyncapi.ts builds from the
 * zod schemas today, a valid AsyncAPI 3.0 document, and cover every event the hub emits or listens
 * for on `/alerts` and every event the desk's AlertLink listens for (found in the source, so a new
 * event without a message here fails).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ASYNCAPI_PATH, buildAsyncApi, documentedEvents, renderAsyncApi } from '../../../scripts/make-asyncapi.js';

const REGENERATE = 'docs/asyncapi.json is out of date with the zod schemas: run `node --import tsx scripts/make-asyncapi.ts` and commit it';
const SRC = new URL('../../../src/', import.meta.url).pathname;
/** The hub, and the desk's end of the stream. */
const SCANNED = [join(SRC, 'backend'), join(SRC, 'main/services/alert-link.ts')];
/** Socket.IO's own events, which are no part of the protocol. */
const RESERVED = new Set(['connect', 'connection', 'disconnect', 'disconnecting', 'error', 'connect_error']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Event names emitted (`emit('x'`) or listened for (`socket.on('x'`) in the scanned source. */
function streamEvents(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SCANNED.flatMap((p) => (statSync(p).isDirectory() ? sourceFiles(p) : [p]))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bemit\(\s*'([a-z_]+)'|\bsocket\.on\(\s*'([a-z_]+)'/g)) {
      const name = m[1] ?? m[2];
      if (name && !RESERVED.has(name)) found.set(name, file.slice(SRC.length));
    }
  }
  return found;
}

describe('docs/asyncapi.json', () => {
  it('is what the generator builds from the current zod schemas', () => {
    expect(readFileSync(ASYNCAPI_PATH, 'utf8'), REGENERATE).toBe(renderAsyncApi());
  });

  it('is a valid AsyncAPI 3.0 document', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(specs.schemasWithoutId['3.0.0']);
    const ok = validate(buildAsyncApi());
    expect(validate.errors ?? [], 'AsyncAPI 3.0 schema errors').toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every event the hub and the desk emit or listen for on /alerts', () => {
    const documented = documentedEvents();
    const events = streamEvents();
    // The scan must see the core events, or it has stopped finding anything.
    for (const core of ['hello', 'alert', 'ack', 'policy', 'zones']) expect(events.has(core), `the scan found no "${core}"`).toBe(true);
    const missing = [...events].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (src/${file})`);
    expect(missing, 'events missing from scripts/make-asyncapi.ts MESSAGES').toEqual([]);
  });

  it('resolves every $ref inside the document', () => {
    const doc = buildAsyncApi();
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const raw of new Set(refs)) {
      const path = raw.slice('"$ref":"#/'.length, -1).split('/');
      const target = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, `${raw} points at nothing`).toBeDefined();
    }
  });
});
