// `npm start`: builds the CLI and lints the bundled demo repository (fixtures/demo), which holds a
// handful of deliberate mistakes. Exit code 1 ("problems found") is the expected outcome here.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const args = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [join(root, 'dist/cli.js'), '--chdir', join(root, 'fixtures/demo'), ...args],
  {
    stdio: 'inherit',
  },
);
if (run.status === 1) {
  process.stderr.write(
    '\n(exit code 1: the demo repository has deliberate mistakes; try `npm start -- --fix-dry-run`)\n',
  );
  process.exit(0);
}
process.exit(run.status ?? 1);
