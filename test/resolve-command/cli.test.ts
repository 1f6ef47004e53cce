import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildResolveView, eventNotes, formatResolveTable } from '../../src/cli/commands/resolve.js';
import { run } from '../../src/cli/run.js';
import { FIXTURES } from '../helpers/fixtures.js';

const BASIC = join(FIXTURES, 'resolve', 'basic');
const QUEUE = join(FIXTURES, 'resolve', 'merge-queue');
const out = mkdtempSync(join(tmpdir(), 'apl-resolve-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function resolveTo(file: string, ...argv: string[]): Promise<{ code: number; text: string }> {
  const path = join(out, file);
  const code = await run(['resolve', ...argv, '-o', path]);
  return { code, text: code === 0 ? readFileSync(path, 'utf8') : '' };
}

describe('atmos-pro-lint resolve', () => {
  it('writes the JSON contract', async () => {
    const { code, text } = await resolveTo(
      'a.json',
      '-e',
      'merge_group.checks_requested',
      '-C',
      BASIC,
      '-f',
      'json',
    );
    expect(code).toBe(0);
    expect(text).toBe(readFileSync(join(BASIC, 'expected.merge_group.checks_requested.json'), 'utf8'));
    const report = JSON.parse(text);
    expect(Object.keys(report)).toEqual(['event', 'rendered', 'dispatches']);
    expect(Object.keys(report.dispatches[0])).toEqual(['component', 'stack', 'via', 'workflows', 'source']);
  });

  it('filters by stack and component globs', async () => {
    const { text } = await resolveTo(
      'b.json',
      '-e',
      'pull_request.opened',
      '-C',
      BASIC,
      '-f',
      'json',
      '-s',
      'p*',
      '--component',
      '?ks',
    );
    expect(
      JSON.parse(text).dispatches.map(
        (d: { stack: string; component: string }) => `${d.stack}/${d.component}`,
      ),
    ).toEqual(['prod/eks']);
  });

  it('defaults to the table, without colour unless asked', async () => {
    const plain = await resolveTo('c.txt', '-e', 'merge_group.checks_requested', '-C', QUEUE, '--no-color');
    expect(plain.text).toBe(
      readFileSync(join(QUEUE, 'expected.merge_group.checks_requested.table.txt'), 'utf8'),
    );
    expect(plain.text).not.toContain('\u001b[');
    // Colour is explicit (chalk level from useColor); the backstop row is highlighted in yellow.
    const colored = formatResolveTable(
      buildResolveView({ event: 'merge_group.checks_requested', chdir: QUEUE, format: 'table' }),
      true,
    );
    const lines = colored.split('\n');
    expect(lines.find((l) => l.includes('eks') && l.includes('backstop'))).toContain('\u001b[33m');
    expect(lines.find((l) => l.includes('vpc') && l.includes('configured'))).not.toContain('\u001b[33m');
  });

  it('writes markdown for a PR comment', async () => {
    const { text } = await resolveTo(
      'e.md',
      '-e',
      'merge_group.checks_requested',
      '-C',
      QUEUE,
      '-f',
      'markdown',
    );
    expect(text).toBe(readFileSync(join(QUEUE, 'expected.merge_group.checks_requested.md'), 'utf8'));
  });

  it('rejects an unknown event with exit code 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code } = await resolveTo('f.json', '-e', 'pull_request.closed', '-C', BASIC, '-f', 'json');
      expect(code).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toContain('unknown event "pull_request.closed"');
    } finally {
      err.mockRestore();
    }
  });
});

describe('event notes (the command documents the event model)', () => {
  it('merge_group: apply never fires there', () => {
    expect(eventNotes('merge_group.checks_requested').join(' ')).toMatch(
      /Apply never fires on `merge_group`/,
    );
  });
  it('merged is closed with merged: true', () => {
    expect(eventNotes('pull_request.merged').join(' ')).toMatch(/`closed` activity with `merged: true`/);
    expect(eventNotes('pull_request.opened')).toEqual([]);
  });
});
