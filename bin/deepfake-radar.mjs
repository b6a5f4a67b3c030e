#!/usr/bin/env node
// deepfake-radar command line. Runs the TypeScript sources through tsx (a devDependency), so it
// works from a fresh clone after `npm ci` with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/scan.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
