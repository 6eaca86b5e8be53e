// `npm run test:repeat -- N [--e2e] [filter ...]`: runs the integration tier (or, with --e2e, the browser tier)
// N times in a row, each run a fresh process, and lists every test that failed at least once: how often, its
// first failure, and the seed of each failing run where the test prints one (a "(seed N)" in its name or a
// "seed N" / "SEED=N" in its failure). Filters are passed to the runner (file name parts). Exit 1 if any
// test failed in any run, so a flake cannot hide in a green summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const runs = Number(args[0]);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run test:repeat -- N [--e2e] [filter ...]');
  process.exit(2);
}
const e2e = args.includes('--e2e');
const filters = args.slice(1).filter((a) => a !== '--e2e');
const outDir = path.join(root, 'test-results', 'repeat');
mkdirSync(outDir, { recursive: true });

/** test id -> {file, name, failures: [{run, message, seed}]} */
const failed = new Map();
let executed = 0;

function seedOf(...texts) {
  for (const t of texts) {
    const m = /\bseed[ =:]+(\d+)/i.exec(t ?? '') ?? /SEED=(\d+)/.exec(t ?? '');
    if (m) return m[1];
  }
  return undefined;
}

function record(run, file, name, message) {
  const id = `${file} > ${name}`;
  const entry = failed.get(id) ?? { file, name, failures: [] };
  entry.failures.push({ run, message: firstLines(message), seed: seedOf(name, message) });
  failed.set(id, entry);
}

function firstLines(text) {
  return String(text ?? '')
    // eslint-disable-next-line no-control-regex -- strips the runners' terminal colours (ESC [ ... m)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitestRun(run) {
  const out = path.join(outDir, `integration-${run}.json`);
  rmSync(out, { force: true });
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'integration', '--reporter=dot', '--reporter=json', `--outputFile=${out}`, ...filters], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const report = readJson(out);
  if (!report) return record(run, '(runner)', 'vitest produced no report', `exit ${r.status}`);
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name);
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') record(run, rel, '(file failed to load or a hook failed)', file.message);
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed' || t.status === 'failed') executed++;
      if (t.status === 'failed') record(run, rel, t.fullName ?? t.title, (t.failureMessages ?? []).join('\n'));
    }
  }
}

function playwrightRun(run) {
  const out = path.join(outDir, `e2e-${run}.json`);
  rmSync(out, { force: true });
  spawnSync('npx', ['playwright', 'test', '--reporter=dot,json', `--output=${path.join(outDir, `e2e-artifacts-${run}`)}`, ...filters], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  const report = readJson(out);
  if (!report) return record(run, '(runner)', 'playwright produced no report', '');
  const visit = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const result of t.results ?? []) {
          executed++;
          if (result.status !== 'passed' && result.status !== 'skipped') {
            record(run, spec.file ?? file, spec.title, result.error?.message ?? result.status);
          }
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, child.file ?? file);
  };
  for (const suite of report.suites ?? []) visit(suite, suite.file);
}

if (e2e) {
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const started = Date.now();
for (let run = 1; run <= runs; run++) {
  console.log(`\n== ${e2e ? 'browser' : 'integration'} run ${run} of ${runs}${filters.length ? ` (${filters.join(' ')})` : ''}`);
  const t0 = Date.now();
  if (e2e) playwrightRun(run);
  else vitestRun(run);
  const failing = [...failed.values()].filter((f) => f.failures.some((x) => x.run === run));
  console.log(`run ${run}: ${failing.length} test(s) failed, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // Said at once, so a long series stopped half-way still names what failed.
  for (const f of failing) {
    const x = f.failures.find((y) => y.run === run);
    console.log(`  failed: ${f.file} > ${f.name}${x.seed ? ` (seed ${x.seed})` : ''}: ${x.message}`);
  }
}

console.log(`\n${runs} run(s), ${executed} test executions, ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (failed.size === 0) {
  console.log('no test failed in any run');
  process.exit(0);
}
console.log(`${failed.size} test(s) failed at least once:`);
for (const f of failed.values()) {
  console.log(`\n- ${f.file} > ${f.name}: failed ${f.failures.length} of ${runs}`);
  for (const x of f.failures) console.log(`    run ${x.run}${x.seed ? ` (seed ${x.seed})` : ''}: ${x.message}`);
}
process.exit(1);
