/**
 * docs/protocol.md 1.1 "Operating the hub", the real CLI: every command that reads a data folder
 * refuses one that does not exist or holds no store with one line and exit 2, and leaves it as it
 * found it (no empty store invented, no "ok: 0 entries" for a typo).
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/hub.js';
import { TEST_PASSWORD } from '../support/passwords.js';

/** Every command that reads a data folder, as an operator would type it. */
const READERS = (data: string): string[][] => [
  ['audit', 'verify', '--data', data],
  ['retention', 'run', '--data', data],
  ['user', 'unlock', '--data', data, '--username', 'tpr1'],
  ['user', 'disable', '--data', data, '--username', 'tpr1'],
];

/** Runs a few at a time: each run starts tsx, and a dozen at once starve a two-core machine. */
async function runAll(cases: string[][]): Promise<Awaited<ReturnType<typeof runCli>>[]> {
  const results: Awaited<ReturnType<typeof runCli>>[] = [];
  for (let i = 0; i < cases.length; i += 3)
    results.push(...(await Promise.all(cases.slice(i, i + 3).map((args) => runCli(args)))));
  return results;
}

function expectRefused(results: Awaited<ReturnType<typeof runCli>>[], cases: string[][], line: RegExp): void {
  results.forEach((r, i) => {
    const label = cases[i]!.join(' ');
    expect(r.code, label).toBe(2);
    expect(r.stderr.trim().split('\n'), label).toEqual([expect.stringMatching(line)]);
    expect(r.stdout, label).toBe('');
  });
}

describe('opentas-hub refuses to invent data', { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'opentas-cli-ops-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a folder that does not exist: one line, exit 2, and still no folder', async () => {
    const data = join(root, 'typo', 'hub-dta');
    const cases = READERS(data);
    expectRefused(await runAll(cases), cases, /^opentas-hub: no data folder at .*hub-dta$/);
    expect(existsSync(join(root, 'typo'))).toBe(false);
  });

  it('an empty folder, or one whose database file is empty or not a database: one line, exit 2, nothing written', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const zero = join(root, 'zero');
    mkdirSync(zero);
    writeFileSync(join(zero, 'hub.sqlite'), '');
    const garbage = join(root, 'garbage');
    mkdirSync(garbage);
    const junk = 'this is a shopping list, not a database\n'.repeat(200);
    writeFileSync(join(garbage, 'hub.sqlite'), junk);
    // Every reader on the empty folder; the same probe then judges the file, so one reader suffices there.
    const cases = [
      ...READERS(empty),
      ['audit', 'verify', '--data', zero],
      ['retention', 'run', '--data', garbage],
    ];
    expectRefused(await runAll(cases), cases, /^opentas-hub: .*(holds no hub store|is not a hub store)/);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(zero)).toEqual(['hub.sqlite']);
    expect(readdirSync(garbage)).toEqual(['hub.sqlite']);
    expect(readFileSync(join(garbage, 'hub.sqlite'), 'utf8')).toBe(junk);
  });

  it('a store set up by user add is read: audit verify answers 0 on its empty log', async () => {
    const data = join(root, 'real');
    const add = await runCli([
      'user',
      'add',
      '--data',
      data,
      '--username',
      'tpr1',
      '--password',
      TEST_PASSWORD,
      '--roles',
      'trooper',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const verify = await runCli(['audit', 'verify', '--data', data]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^ok: 0 entries/);
  });
});
