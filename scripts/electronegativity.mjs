// Electronegativity (Doyensec's checker of Electron's security checklist) over the code that runs in
// Electron: the main process, the preload and the renderer's page. Fails (exit 1) on a HIGH or MEDIUM
// finding, and on a file it could not parse (an unparsed file is an unchecked one). LOW and
// INFORMATIONAL findings are printed, each with the reason it stands in docs/security.md.
// Run by .ci/run after lint; locally: npm run electronegativity.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

// The Electron the app is built with (build/electron-version.json): the checks' defaults depend on
// it (e.g. contextIsolation and sandbox became defaults), and there is no package.json in the inputs.
const { electron } = JSON.parse(readFileSync(path.join(root, 'build/electron-version.json'), 'utf8'));

const INPUTS = ['src'];

// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from GitHub, which CI
// cannot reach; staying on a supported, patched Electron is item 16 of docs/security.md (the pin in
// build/electron-version.json and its packaging test).
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

const FAILING = new Set(['HIGH', 'MEDIUM']);

let failed = false;
for (const input of INPUTS) {
  const result = await run({
    input: path.join(root, input),
    isRelative: true,
    electronVersionOverride: `${electron}.0.0`,
    excludeFromScan: EXCLUDED,
    customScan: [],
    parserPlugins: [],
  });
  for (const error of result.errors) {
    const line = `electronegativity: ${input}/${error.file}: not parsed: ${error.message}`;
    if (error.tolerable) console.log(line);
    else {
      console.error(line);
      failed = true;
    }
  }
  for (const issue of result.issues) {
    const where = `${path.join(input, issue.file ?? '')}:${issue.location.line}:${issue.location.column}`;
    const line = `${issue.severity.name} ${issue.confidence.name} ${issue.id} ${where}: ${issue.description}`;
    if (FAILING.has(issue.severity.name)) {
      console.error(`electronegativity: ${line}`);
      failed = true;
    } else console.log(`electronegativity (allowed): ${line}`);
  }
  console.log(
    `electronegativity: ${input}: ${result.issues.length} finding(s), ${result.errors.length} parse problem(s)`,
  );
}
if (failed) {
  console.error(
    'electronegativity: FAILED (HIGH or MEDIUM finding, or an unparsed file); see docs/security.md',
  );
  process.exit(1);
}
console.log('electronegativity: no HIGH or MEDIUM finding');
