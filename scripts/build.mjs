// Bundles the CLI and the Node API into dist/. The CLI entry stays tiny: subcommands are
// separate chunks loaded on demand, so `--version` and pre-commit runs start fast.
// The Node API's type declarations come from tsc (tsconfig.build.json) into dist/types/, emitted
// without type checking (`npm run typecheck` does that), in parallel with esbuild, and kept in
// node_modules/.cache keyed by everything they depend on: an unchanged tree skips tsc (~3 s).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Built aside, then swapped in: whatever reads dist/ meanwhile (tests running while `npm pack`
// rebuilds it through prepack) sees the old build or the new one, never half of one.
const cache = join(root, 'node_modules', '.cache', 'atmos-pro-lint');
const staging = join(cache, `dist-${process.pid}`);
const retired = join(cache, `old-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(cache, { recursive: true });

try {
  const bundle = build({
    entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
    absWorkingDir: root,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: false,
    minifySyntax: true,
    legalComments: 'none',
    define: { __VERSION__: JSON.stringify(pkg.version) },
    // Bundled CommonJS dependencies (yargs helpers, ajv) may call require(); give them one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    // jsonc-parser's UMD entry requires files dynamically; its ESM entry bundles cleanly.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });

  await Promise.all([bundle, declarations(join(staging, 'types'))]);
  chmodSync(join(staging, 'cli.js'), 0o755);
  // package.json points "types" at dist/index.d.ts, next to dist/index.js.
  writeFileSync(join(staging, 'index.d.ts'), "export * from './types/index.js';\n");

  rmSync(retired, { recursive: true, force: true });
  try {
    renameSync(dist, retired);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  renameSync(staging, dist);
  rmSync(retired, { recursive: true, force: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}

/** Writes the declarations into `out`: from the cache when nothing they depend on changed, else from tsc. */
async function declarations(out) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const hash = createHash('sha256');
  const typescript = JSON.parse(readFileSync(join(tsc, '..', '..', 'package.json'), 'utf8'));
  hash.update(`typescript ${typescript.version}\0`);
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
    hash.update(`${file}\0${existsSync(join(root, file)) ? readFileSync(join(root, file)) : ''}\0`);
  }
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
  for (const file of sources) hash.update(`${file.slice(root.length)}\0${readFileSync(file)}\0`);
  const cached = join(cache, `types-${hash.digest('hex').slice(0, 24)}`);
  if (existsSync(cached)) {
    cpSync(cached, out, { recursive: true });
    return;
  }
  await new Promise((done, fail) => {
    const args = [tsc, '-p', 'tsconfig.build.json', '--declarationDir', out];
    execFile(process.execPath, args, { cwd: root }, (err, stdout, stderr) => {
      if (err) fail(new Error(`tsc -p tsconfig.build.json failed:\n${stdout}${stderr}`));
      else done();
    });
  });
  // Only the newest entry is kept; written aside and renamed so a concurrent build never reads half of it.
  for (const e of readdirSync(cache))
    if (e.startsWith('types-')) rmSync(join(cache, e), { recursive: true, force: true });
  const partial = `${cached}.${process.pid}`;
  cpSync(out, partial, { recursive: true });
  try {
    renameSync(partial, cached);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
}
