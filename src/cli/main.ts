#!/usr/bin/env node
// The entry point stays tiny: `--version` answers without loading anything else, and every
// subcommand lives in its own chunk, loaded only when it runs (pre-commit spawns us often).
import { VERSION } from '../version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv);
}
