import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SealedLog } from '../../../src/main/services/sealed-log.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

type Rec = { n: number; text: string };
const parse = (raw: unknown): Rec | null =>
  raw && typeof raw === 'object' && typeof (raw as Rec).n === 'number' ? (raw as Rec) : null;

describe('SealedLog', () => {
  let dir: string;
  let path: string;
  const key = randomBytes(32);
  const clock = new ManualClock();

  beforeEach(async () => {
    dir = await tempDir();
    path = join(dir, 'log');
  });
  afterEach(() => removeDir(dir));

  async function reopen(logger = new RecordingLogger(), withKey = key): Promise<{ records: Rec[]; log: SealedLog<Rec>; logger: RecordingLogger; report: Awaited<ReturnType<SealedLog<Rec>['open']>> }> {
    const log = new SealedLog<Rec>(path, withKey, 'test', parse, logger, clock);
    const records: Rec[] = [];
    const report = await log.open((r) => records.push(r));
    return { records, log, logger, report };
  }

  it('keeps records across reopen and never writes them in clear text', async () => {
    const { log } = await reopen();
    await log.append({ n: 1, text: 'ABC1234 stolen' });
    await log.append({ n: 2, text: 'second' });
    await log.close();
    expect(await readFile(path, 'utf8')).not.toContain('ABC1234');
    const again = await reopen();
    expect(again.records.map((r) => r.n)).toEqual([1, 2]);
    await again.log.close();
  });

  it('cuts off a torn last record and goes on appending cleanly', async () => {
    const { log } = await reopen();
    await log.append({ n: 1, text: 'a' });
    await log.close();
    await appendFile(path, 'v1.AAAAbroken-half-writ');
    const second = await reopen();
    expect(second.records.map((r) => r.n)).toEqual([1]);
    expect(second.report.tornTail).toBe(true);
    expect(second.logger.has('warn', /torn/)).toBe(true);
    await second.log.append({ n: 2, text: 'b' });
    await second.log.close();
    const third = await reopen();
    expect(third.records.map((r) => r.n)).toEqual([1, 2]);
    expect(third.report.corrupt).toBe(0);
    await third.log.close();
  });

  it('keeps a complete last record whose newline was lost', async () => {
    const { log } = await reopen();
    await log.append({ n: 1, text: 'a' });
    await log.close();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -1));
    const second = await reopen();
    expect(second.records.map((r) => r.n)).toEqual([1]);
    await second.log.append({ n: 2, text: 'b' });
    await second.log.close();
    const third = await reopen();
    expect(third.records.map((r) => r.n)).toEqual([1, 2]);
    await third.log.close();
  });

  it('moves a file with corrupt records aside, keeps the readable ones, and says so', async () => {
    const { log } = await reopen();
    for (let n = 1; n <= 3; n++) await log.append({ n, text: `r${n}` });
    await log.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 20) + 'XXXX' + lines[1]!.slice(24);
    await writeFile(path, lines.join('\n'));
    const second = await reopen();
    expect(second.records.map((r) => r.n)).toEqual([1, 3]);
    expect(second.report.corrupt).toBe(1);
    expect(second.logger.has('error', /moved the file with 1 unreadable/)).toBe(true);
    expect((await readdir(dir)).some((f) => f.startsWith('log.corrupt-'))).toBe(true);
    await second.log.close();
    const third = await reopen();
    expect(third.report.corrupt).toBe(0);
    expect(third.records.map((r) => r.n)).toEqual([1, 3]);
    await third.log.close();
  });

  it('treats a record sealed with another key as unreadable', async () => {
    const { log } = await reopen();
    await log.append({ n: 1, text: 'a' });
    await log.close();
    const other = await reopen(new RecordingLogger(), randomBytes(32));
    expect(other.records).toEqual([]);
    expect(other.report.corrupt).toBe(1);
    await other.log.close();
  });

  it('rewrites through a transform atomically', async () => {
    const { log } = await reopen();
    for (let n = 1; n <= 4; n++) await log.append({ n, text: `r${n}` });
    const result = await log.transform((r) => (r.n % 2 === 0 ? null : r.n === 3 ? { ...r, text: 'changed' } : r));
    expect(result).toEqual({ kept: 2, changed: 3 });
    await log.append({ n: 5, text: 'after' });
    await log.close();
    const again = await reopen();
    expect(again.records).toEqual([{ n: 1, text: 'r1' }, { n: 3, text: 'changed' }, { n: 5, text: 'after' }]);
    await again.log.close();
  });

  it('writes a burst of concurrent appends together, in order, all durable', async () => {
    const { log } = await reopen();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ n: i, text: `r${i}` })));
    await log.close();
    const again = await reopen();
    expect(again.records.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await again.log.close();
  });
});
