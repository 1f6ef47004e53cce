// Preloaded into benchmarked processes: records peak RSS (KiB) on exit, where the runner reads it.
const { writeFileSync } = require('node:fs');
const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
