// Bundles the CLI and the Node API into dist/. The CLI entry stays tiny: subcommands are
// separate chunks loaded on demand, so `--version` and pre-commit runs start fast.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
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
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
