/**
 * `npm run adapter:import -- --hub URL --ingest-key-file F --file hits.csv|hits.json
 * [--map plate=LIC,state=LIS,...] [--set camera.network=other,...]`: posts the hits of a file to the
 * hub. Bad rows (line and reason) and progress go to stderr; the last stdout line is the summary.
 * Exit 0 when every row was posted, 1 when a row was bad or not sent, 2 on bad arguments.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { HubIngest, readSecretFile } from '../hub-ingest.js';
import { importHits, summaryLine } from './hit-import.js';
import { csvHitRows, type HitRow, ImportUsageError, jsonHitRows, parsePairs } from './hit-rows.js';

function rowsOf(): { hub: string; key: string; rows: HitRow[] } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { hub: { type: 'string' }, 'ingest-key-file': { type: 'string' }, file: { type: 'string' }, map: { type: 'string' }, set: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    throw new ImportUsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.hub || !/^https?:\/\//.test(values.hub)) throw new ImportUsageError('--hub must be the hub\'s http(s):// URL');
  if (!values['ingest-key-file']) throw new ImportUsageError('--ingest-key-file is required (a file holding the ingest key)');
  if (!values.file) throw new ImportUsageError('--file is required (hits.csv or hits.json)');
  let key: string;
  let text: string;
  try {
    key = readSecretFile(values['ingest-key-file'], 'ingest key');
    text = readFileSync(values.file, 'utf8');
  } catch (err) {
    throw new ImportUsageError(err instanceof Error ? err.message : `cannot read --file ${values.file}`);
  }
  const ext = extname(values.file).toLowerCase();
  if (ext === '.json') {
    if (values.map || values.set) throw new ImportUsageError('--map and --set are for CSV files; a JSON file holds whole hits');
    return { hub: values.hub, key, rows: jsonHitRows(text) };
  }
  if (ext !== '.csv') throw new ImportUsageError('--file must end in .csv or .json');
  return { hub: values.hub, key, rows: csvHitRows(text, parsePairs(values.map, '--map'), parsePairs(values.set, '--set')) };
}

async function main(): Promise<number> {
  const { hub, key, rows } = rowsOf();
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  const report = await importHits(rows, new HubIngest(hub, key), {
    bad: (where, problem) => process.stderr.write(`${tty ? '\n' : ''}bad row, ${where}: ${problem}\n`),
    progress: (done, total) => {
      // On a terminal one line rewritten; in a log a line per tenth, so a big file does not flood it.
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tty) process.stderr.write(`\rrows ${done}/${total}`);
      else if (tenth !== lastShown || done === total) {
        lastShown = tenth;
        process.stderr.write(`rows ${done}/${total}\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  console.log(summaryLine(report));
  return report.bad > 0 || report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`adapter:import: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof ImportUsageError ? 2 : 1);
  },
);
