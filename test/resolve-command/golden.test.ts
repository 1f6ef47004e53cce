import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildResolveReport,
  buildResolveView,
  formatResolveMarkdown,
  formatResolveTable,
  type ResolveArgs,
} from '../../src/cli/commands/resolve.js';
import { ALL_EVENTS } from '../../src/simulate/dispatch.js';
import { FIXTURES, UPDATE } from '../helpers/fixtures.js';

// Golden files of `resolve` over small fixture repositories: fixtures/resolve/<case>/expected.<event>.json
// is the exact `--format json` output; expected.<event>.table.txt / .md the human formats.
const ROOT = join(FIXTURES, 'resolve');
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function args(dir: string, event: string, format: ResolveArgs['format'] = 'json'): ResolveArgs {
  return { event, chdir: dir, format };
}

function golden(path: string, actual: string): string {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

function goldenFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('expected.') && f.endsWith(suffix))
    .map((f) => f.slice('expected.'.length, -suffix.length))
    .sort();
}

const covered = new Set<string>();

describe.each(cases)('fixtures/resolve/%s', (name) => {
  const dir = join(ROOT, name);
  for (const event of goldenFiles(dir, '.json')) {
    covered.add(event);
    it(`${event} (json)`, () => {
      const actual = `${JSON.stringify(buildResolveReport(args(dir, event)), null, 2)}\n`;
      expect(actual).toBe(golden(join(dir, `expected.${event}.json`), actual));
    });
  }
  for (const event of goldenFiles(dir, '.table.txt')) {
    it(`${event} (table)`, () => {
      const actual = formatResolveTable(buildResolveView(args(dir, event, 'table')), false);
      expect(actual).toBe(golden(join(dir, `expected.${event}.table.txt`), actual));
    });
  }
  for (const event of goldenFiles(dir, '.md')) {
    it(`${event} (markdown)`, () => {
      const actual = formatResolveMarkdown(buildResolveView(args(dir, event, 'markdown')));
      expect(actual).toBe(golden(join(dir, `expected.${event}.md`), actual));
    });
  }
});

it('the goldens cover every event kind', () => {
  const kinds = (events: Iterable<string>) => new Set([...events].map((e) => e.split('.')[0]));
  expect(kinds(covered)).toEqual(kinds(ALL_EVENTS));
  for (const e of [
    'pull_request.opened',
    'pull_request.synchronize',
    'pull_request.reopened',
    'pull_request.merged',
  ])
    expect(covered).toContain(e);
});
