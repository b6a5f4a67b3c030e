#!/usr/bin/env node
// The whole test suite, as CI runs it: typecheck, lint (Biome), both builds plus the e2e builds, unit tests
// (vitest; some read the built manifests), web-ext lint of the Firefox build, end-to-end tests in
// Chromium and Firefox.
// Ends with one line "N passed, N failed, N skipped" summed over every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
// Page code (content script, popup, options) without Node or worker types.
step('typecheck pages', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.content.json']);
step('lint', 'npx', ['biome', 'check', '.']);

// Build first: some unit tests check the built manifests (permissions, CSP, no remote hosts).
const built = step('build', 'node', ['scripts/build.mjs', '--e2e']);

step('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}

if (built) {
  step('firefox lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--self-hosted']);
  // Node 20's --test takes no globs and finds only .js in folders: name the files.
  const files = readdirSync('test/e2e')
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/e2e/${f}`);
  rmSync('test-results/e2e.tap', { force: true });
  const e2e = process.argv.includes('--no-e2e')
    ? undefined
    : step('e2e', 'node', [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        '--test-reporter-destination=test-results/e2e.tap',
        ...files,
      ]);
  if (e2e !== undefined) {
    const tap = existsSync('test-results/e2e.tap') ? readFileSync('test-results/e2e.tap', 'utf8') : '';
    const n = (k) => Number(tap.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
    totals.passed += n('pass');
    totals.failed += n('fail') + n('cancelled');
    totals.skipped += n('skipped') + n('todo');
    if (n('tests') === 0) failures.push('e2e ran no test');
  }
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
