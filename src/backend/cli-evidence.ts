/**
 * `opentas-hub evidence verify FILE`: recomputes the SHA-256 of every file an evidence package's
 * manifest lists (and checks nothing unlisted was added). Exit 0 when all match; 1 naming the first
 * file that differs. Works on the package alone, away from the hub (a prosecutor's copy).
 */
import { readFileSync } from 'node:fs';
import { verifyPackage } from './evidence/package.js';

export function evidenceVerifyCommand(file: string): number {
  let zip: Buffer;
  try {
    zip = readFileSync(file);
  } catch (err) {
    console.log(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return 1;
  }
  const report = verifyPackage(zip);
  if (!report.ok) {
    console.log(`FAILED ${report.file}: ${report.reason}`);
    return 1;
  }
  for (const f of report.files) console.log(`ok  ${f.sha256}  ${f.name} (${f.bytes} bytes)`);
  console.log(`ok: ${report.files.length} files match the manifest of export ${report.exportId} (alert ${report.alertId}); log head at export ${report.logHead}`);
  return 0;
}
