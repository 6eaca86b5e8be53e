// `npm run structure`: the picture of the code's dependencies. For each folder of src/: how many files and
// lines, the folders and packages it really imports, and what its entry in lint/allowed-imports.js allows
// but nothing uses (a permission to take back). Lint fails on an import the table does not allow; this
// shows the other direction. `--mermaid` prints the folder graph as a Mermaid flowchart instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowedImports } from '../lint/allowed-imports.js';
import { folderAllowed, packageName } from '../lint/allowed-imports-rule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
const folders = new Map();

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (/\.(ts|tsx)$/.test(name)) scan(file);
  }
}

function scan(file) {
  const folder = path.relative(root, path.dirname(file));
  const text = readFileSync(file, 'utf8');
  const f = folders.get(folder) ?? { files: 0, lines: 0, folders: new Set(), packages: new Set() };
  folders.set(folder, f);
  f.files++;
  f.lines += text.split('\n').length;
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) {
      const target = path.relative(root, path.dirname(path.resolve(path.dirname(file), spec)));
      if (target !== folder) f.folders.add(target);
    } else f.packages.add(packageName(spec));
  }
}

walk(path.join(root, 'src'));
const sorted = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b));

if (process.argv.includes('--mermaid')) {
  const id = (folder) => folder.replace(/^src\//, '').replace(/[^a-z0-9]/gi, '_');
  console.log('flowchart LR');
  for (const [folder, f] of sorted) for (const t of [...f.folders].sort()) if (folders.has(t)) console.log(`  ${id(folder)}["${folder.replace(/^src\//, '')}"] --> ${id(t)}["${t.replace(/^src\//, '')}"]`);
  process.exit(0);
}

let unused = 0;
for (const [folder, f] of sorted) {
  const entry = allowedImports[folder];
  console.log(`${folder}  (${f.files} files, ${f.lines} lines)${entry ? `: ${entry.why}` : ': NO ENTRY'}`);
  if (f.folders.size) console.log(`  imports  ${[...f.folders].sort().join(', ')}`);
  if (f.packages.size) console.log(`  packages ${[...f.packages].sort().join(', ')}`);
  if (!entry) continue;
  const idle = [
    ...entry.folders.filter((p) => ![...f.folders].some((t) => folderAllowed([p], t))),
    ...entry.packages.filter((p) => !f.packages.has(p)),
  ];
  if (idle.length) {
    unused += idle.length;
    console.log(`  allowed, unused: ${idle.join(', ')}`);
  }
}
console.log(`\n${sorted.length} folders; ${unused} allowed import(s) nothing uses`);
