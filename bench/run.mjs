// npm run bench: generates repositories at several sizes and measures, in one run and alternating,
// the parse floor, lint, resolve, payload and --version as whole processes. Prints a table and
// writes bench/out/results.json. Medians of several runs; ratios against the floor of the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '960,3840,15360,30720')
  .split(',')
  .map(Number);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const outDir = join(here, 'out');
mkdirSync(outDir, { recursive: true });
const rssFile = join(outDir, 'rss.tmp');

function measure(cmd, argv, cwd) {
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(here, 'rss.cjs'), ...cmd, ...argv], {
    cwd,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd.join(' ')} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  return { ms, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const results = [];
for (const size of sizes) {
  const repo = join(here, 'repos', String(size));
  const shape = generate(repo, size);
  const jobs = {
    floor: [[join(here, 'floor.mjs')], [repo]],
    lint: [[cli], ['--format', 'json']],
    resolve: [[cli], ['resolve', '--event', 'pull_request.synchronize', '--format', 'json']],
    payload: [[cli], ['payload', '--format', 'json']],
    version: [[cli], ['--version']],
    'node -e 0': [['-e', '0'], []],
  };
  const samples = Object.fromEntries(Object.keys(jobs).map((k) => [k, { ms: [], rss: [] }]));
  // Alternate the jobs within each round so machine noise hits all of them alike.
  for (let i = 0; i < runs; i++) {
    for (const [name, [cmd, argv]] of Object.entries(jobs)) {
      try {
        const m = measure(cmd, argv, repo);
        samples[name].ms.push(m.ms);
        samples[name].rss.push(m.rss);
      } catch (e) {
        samples[name].error = String(e.message).split('\n')[0];
      }
    }
  }
  const row = { instances: size, stacks: shape.stacks, runs, jobs: {} };
  const floor = median(samples.floor.ms);
  const bare = median(samples['node -e 0'].ms);
  for (const [name, s] of Object.entries(samples)) {
    if (s.ms.length === 0) {
      row.jobs[name] = { error: s.error };
      continue;
    }
    const ms = median(s.ms);
    row.jobs[name] = {
      medianMs: Math.round(ms),
      ratioToFloor: Number((ms / floor).toFixed(2)),
      ratioToNode: Number((ms / bare).toFixed(2)),
      peakRssMiB: Math.round(Math.max(...s.rss)),
    };
  }
  results.push(row);
  process.stderr.write(`measured ${size} instances\n`);
}

const lines = [
  '| instances | stacks | job | median ms | × floor | × node -e 0 | peak RSS MiB |',
  '| ---: | ---: | --- | ---: | ---: | ---: | ---: |',
];
for (const r of results) {
  for (const [name, j] of Object.entries(r.jobs)) {
    lines.push(
      j.error
        ? `| ${r.instances} | ${r.stacks} | ${name} | error: ${j.error} | | | |`
        : `| ${r.instances} | ${r.stacks} | ${name} | ${j.medianMs} | ${j.ratioToFloor} | ${j.ratioToNode} | ${j.peakRssMiB} |`,
    );
  }
}
const table = lines.join('\n');
writeFileSync(
  join(outDir, 'results.json'),
  `${JSON.stringify({ node: process.version, runs, results }, null, 2)}\n`,
);
writeFileSync(join(outDir, 'results.md'), `${table}\n`);
process.stdout.write(`${table}\n`);
