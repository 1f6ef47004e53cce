// Fills the README's example blocks with real output of the CLI on the demo repository, so the
// README never shows output the tool does not produce. `npm run generate` runs it; a test checks it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');

/** name → [title shown above the output, CLI arguments run in fixtures/demo, code fence language]. */
export const BLOCKS = {
  'demo-lint': ['atmos-pro-lint', [], 'text'],
  'demo-fix': ['atmos-pro-lint --fix-dry-run', ['--fix-dry-run'], 'diff'],
  'demo-instances': ['atmos-pro-lint instances', ['instances'], 'text'],
  'demo-describe': [
    'atmos-pro-lint describe eks/cluster -s plat-ue2-dev --provenance',
    ['describe', 'eks/cluster', '-s', 'plat-ue2-dev', '--provenance'],
    'yaml',
  ],
  'demo-resolve': [
    'atmos-pro-lint resolve --event merge_group.checks_requested',
    ['resolve', '--event', 'merge_group.checks_requested'],
    'text',
  ],
  'demo-payload': [
    'atmos-pro-lint payload --repo-url https://github.com/acme/infra.git',
    ['payload', '--repo-url', 'https://github.com/acme/infra.git'],
    'text',
  ],
};

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: join(root, 'fixtures', 'demo'),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', COLUMNS: '100' },
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`atmos-pro-lint ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout.replace(/\s+$/, '');
}

/** The README text with every block replaced by fresh output. */
export function renderReadme(text) {
  let out = text;
  for (const [name, [title, args, lang]] of Object.entries(BLOCKS)) {
    const body = `<!-- README:${name} -->\n\`\`\`${lang}\n$ ${title}\n${run(args)}\n\`\`\`\n<!-- /README:${name} -->`;
    out = replaceBlock(out, name, body);
  }
  const bench = join(root, 'bench', 'out', 'results.md');
  if (existsSync(bench)) {
    out = replaceBlock(
      out,
      'bench',
      `<!-- README:bench -->\n${readFileSync(bench, 'utf8').trim()}\n<!-- /README:bench -->`,
    );
  }
  return out;
}

function replaceBlock(text, name, body) {
  const open = `<!-- README:${name} -->`;
  const close = `<!-- /README:${name} -->`;
  const i = text.indexOf(open);
  if (i === -1) return text;
  const j = text.indexOf(close, i);
  return j === -1
    ? text.slice(0, i) + body + text.slice(i + open.length)
    : text.slice(0, i) + body + text.slice(j + close.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = join(root, 'README.md');
  writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
}
