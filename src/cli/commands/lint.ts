import { appendFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT } from '../../core/errors.js';
import { diffFixes, planFixes, writeFixes } from '../../fix/apply.js';
import { displayPath } from '../../lint/aggregate.js';
import { lint } from '../../lint/engine.js';
import { type FormatName, reporters } from '../../report/index.js';
import { allRules } from '../../rules/index.js';
import { VERSION } from '../../version.js';
import { emit, useColor, writeAtomic } from '../io.js';
import type { CommonArgs } from '../run.js';
import { resolveOptions } from './shared.js';

export interface LintArgs extends CommonArgs {
  paths?: string[];
  format: FormatName;
  config?: string;
  'max-warnings'?: number;
  quiet?: boolean;
  fix?: boolean;
  'fix-dry-run'?: boolean;
  'summary-file'?: string;
  'sarif-file'?: string;
}

export async function lintCommand(args: LintArgs): Promise<number> {
  const opts = resolveOptions(args);
  const lintOpts = {
    ...opts,
    configFile: args.config,
    paths: args.paths,
    rules: allRules,
    timing: Boolean(process.env.TIMING),
  };
  let result = lint(lintOpts);
  if (args['fix-dry-run'] || args.fix) {
    const plan = planFixes(result.fixes, allRules);
    const display = (p: string) => displayPath(opts.cwd, p);
    if (args['fix-dry-run']) {
      emit(diffFixes(plan, display), args.output, opts.cwd);
      return EXIT.ok;
    }
    // One fix can enable another (a legacy list rewritten to a map can then get its merge_group),
    // so fix until nothing changes, a few rounds at most; then report what remains.
    let applied = 0;
    const files = new Set<string>();
    for (let round = 0, current = plan; round < 5 && current.files.size > 0; round++) {
      for (const f of writeFixes(current, result.resolution.config.store)) files.add(f);
      applied += current.applied;
      result = lint(lintOpts);
      current = planFixes(result.fixes, allRules);
    }
    if (files.size > 0) {
      process.stderr.write(
        `atmos-pro-lint: applied ${applied} fix${applied === 1 ? '' : 'es'} in ${files.size} file${files.size === 1 ? '' : 's'}: ${[...files].map(display).join(', ')}\n`,
      );
    }
  }
  let diagnostics = result.diagnostics;
  if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
  const summary = { ...result.summary };
  if (args.quiet) {
    summary.warnings = 0;
    summary.infos = 0;
    summary.fixable = diagnostics.filter((d) => d.fixable).length;
  }
  const sources = new Map<string, string | undefined>();
  const readSource = (file: string) => {
    if (!sources.has(file)) {
      const abs = resolve(opts.cwd, file);
      const r = result.resolution.config.store.read(abs);
      sources.set(file, r.file?.text);
    }
    return sources.get(file);
  };
  const report = { diagnostics, summary, rules: allRules.map((r) => r.meta), toolVersion: VERSION };
  const plain = { color: false, readSource, helpMarkdown: (id: string) => docsFor(id) };
  emit(
    reporters[args.format](report, { ...plain, color: args.output ? false : useColor(args.color) }),
    args.output,
    opts.cwd,
  );
  // CI wants several views of one run: annotations in the log, a job summary, a SARIF upload.
  if (args['summary-file'])
    appendFileSync(resolve(opts.cwd, args['summary-file']), reporters.markdown(report, plain));
  if (args['sarif-file']) writeAtomic(resolve(opts.cwd, args['sarif-file']), reporters.sarif(report, plain));
  if (summary.errors > 0) return EXIT.problems;
  if (args['max-warnings'] !== undefined && summary.warnings > args['max-warnings']) return EXIT.problems;
  return EXIT.ok;
}

/** The rule's docs page, shipped in the package next to dist/. */
function docsFor(id: string): string | undefined {
  for (const base of [
    new URL('../../../', import.meta.url),
    new URL('../', import.meta.url),
    new URL('../../', import.meta.url),
  ]) {
    try {
      return readFileSync(join(base.pathname, 'docs', 'rules', `${id}.md`), 'utf8');
    } catch {
      // try the next layout (source tree vs bundle)
    }
  }
  return undefined;
}
