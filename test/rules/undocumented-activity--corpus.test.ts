import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { shapeRules } from '../../src/rules/groups/shape.js';
import { allRules } from '../../src/rules/index.js';
import { CORPUS, HAS_CORPUS } from '../helpers/fixtures.js';

const SHAPE = new Set(shapeRules.map((r) => r.meta.id));

/** Cloud Posse's real Atmos Pro repositories, as Atmos would be run in each. */
const REPOS: { name: string; configPath?: string; releaseFile: string }[] = [
  { name: 'ext-atmos-pro-example-advanced', releaseFile: 'stacks/mixins/atmos-pro/default.yaml' },
  { name: 'ext-atmos-pro-example-basic', releaseFile: '' },
  { name: 'ext-atmos-pro-with-ecs', releaseFile: 'terraform/stacks/defaults/atmos-pro.yaml' },
  {
    name: 'ext-infra-demo-atmos-pro',
    configPath: 'rootfs/usr/local/etc/atmos',
    releaseFile: 'stacks/mixins/atmos-pro/default.yaml',
  },
];

// The shape rules must not cry wolf on real configurations: the only shape finding in Cloud
// Posse's repositories is the undocumented `release.released` they all use.
describe.skipIf(!HAS_CORPUS)('shape rules on the ext-* corpus', () => {
  for (const repo of REPOS) {
    it(repo.name, () => {
      const dir = join(CORPUS, repo.name);
      expect(existsSync(dir)).toBe(true);
      const result = lint({
        cwd: dir,
        configPath: repo.configPath ? join(dir, repo.configPath) : undefined,
        // infra-demo's atmos.yaml lives in rootfs/ with `base_path: ""`, i.e. the repository root.
        env: repo.configPath ? { ATMOS_BASE_PATH: dir } : {},
        rules: allRules,
      });
      expect(result.summary.instances).toBeGreaterThan(0);
      const shape = result.diagnostics.filter((d) => SHAPE.has(d.ruleId));
      const expected = repo.releaseFile
        ? [{ ruleId: 'undocumented-activity', severity: 'warning', file: repo.releaseFile }]
        : [];
      expect(shape.map((d) => ({ ruleId: d.ruleId, severity: d.severity, file: d.file }))).toEqual(expected);
      for (const d of shape) expect(d.message).toMatch(/^`release\.released` .*`published`/);
    });
  }
});
