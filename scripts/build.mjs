#!/usr/bin/env node
// Builds dist/chrome and dist/firefox. `--e2e` also builds dist/chrome-e2e and dist/firefox-e2e,
// which add the test-only fixture models (never shipped). `--only chrome|firefox` builds one.
import { build } from 'vite';

// The config imports TypeScript without extensions, which Vite's bundled loader handles; its
// notice about a future native loader is noise in every build log.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const variants = [];
for (const target of ['chrome', 'firefox']) {
  if (only && only !== target) continue;
  if (!args.includes('--e2e-only')) variants.push({ target, fixtures: false });
  if (args.includes('--e2e') || args.includes('--e2e-only')) variants.push({ target, fixtures: true });
}

for (const { target, fixtures } of variants) {
  process.env.DFR_TARGET = target;
  process.env.DFR_FIXTURE_MODELS = fixtures ? '1' : '';
  const started = Date.now();
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  console.log(`built dist/${target}${fixtures ? '-e2e' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
