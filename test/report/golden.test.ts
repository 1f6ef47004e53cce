import { describe, it } from 'vitest';
import { type FormatName, reporters } from '../../src/report/index.js';
import { EMPTY_REPORT, options, REPORT } from './fixture.js';
import { expectGolden } from './golden.js';

// A `.golden` suffix keeps biome (which formats JSON and Markdown) off byte-exact outputs.
const GOLDEN_NAME: Record<FormatName, string> = {
  stylish: 'stylish.txt.golden',
  json: 'json.json.golden',
  sarif: 'sarif.json.golden',
  github: 'github.txt.golden',
  markdown: 'markdown.md.golden',
};

describe('golden outputs', () => {
  for (const [format, name] of Object.entries(GOLDEN_NAME) as [FormatName, string][]) {
    it(`${format} matches golden/${name}`, () => {
      expectGolden(name, reporters[format](REPORT, options()));
    });
    it(`${format} on an empty report matches golden/empty-${name}`, () => {
      expectGolden(`empty-${name}`, reporters[format](EMPTY_REPORT, options()));
    });
  }
});
