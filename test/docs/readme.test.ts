import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

// The README shows real output of the CLI on the demo repository; this fails when it goes stale
// (refresh with `node scripts/readme.mjs`, part of `npm run generate`).
describe.skipIf(!existsSync(join(ROOT, 'dist', 'cli.js')))('README examples', () => {
  it('match what the CLI prints on fixtures/demo', async () => {
    const { renderReadme, BLOCKS } = await import(join(ROOT, 'scripts', 'readme.mjs'));
    const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(BLOCKS)) expect(text, name).toContain(`<!-- /README:${name} -->`);
    const current = text.replace(/<!-- README:bench -->[\s\S]*?<!-- \/README:bench -->/, '');
    const fresh = renderReadme(text).replace(/<!-- README:bench -->[\s\S]*?<!-- \/README:bench -->/, '');
    expect(current).toBe(fresh);
  });
});
