import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_FILE, logFiles, rotatingFileLog } from '../../../src/main/adapters/rotating-file-log.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

describe('rotatingFileLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => removeDir(dir));

  it('rotates at the size limit, keeps the newest files, lines in order, and is private to the user', () => {
    const write = rotatingFileLog(join(dir, 'logs'), { maxBytes: 100, files: 2 });
    for (let i = 0; i < 20; i++) write(`{"n":${String(i).padStart(2, '0')},"pad":"xxxxxxxxxxxxxxxxxxxx"}\n`);
    const lines = logFiles(join(dir, 'logs'), 2)
      .flatMap((f) => {
        try {
          return readFileSync(f, 'utf8').split('\n').filter(Boolean);
        } catch {
          return [];
        }
      })
      .map((l) => (JSON.parse(l) as { n: number }).n);
    // Three files of at most 100 bytes (two lines each): the last six lines, oldest first.
    expect(lines).toEqual([14, 15, 16, 17, 18, 19]);
    expect(statSync(join(dir, 'logs', LOG_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });
});
