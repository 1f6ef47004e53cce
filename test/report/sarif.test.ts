import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { pascalCase, pathToUri, sarif } from '../../src/report/sarif.js';
import type { LintReport } from '../../src/report/types.js';
import { EMPTY_REPORT, options, REPORT, RULES } from './fixture.js';

// ajv-formats is CommonJS whose module.exports is the plugin itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// The schema declares draft-07, which is the default Ajv class; strict mode would reject the
// schema's own unknown keywords, so it is off.
const schema = JSON.parse(
  readFileSync(new URL('../../../shared/schemas/sarif-2.1.0.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; semanticVersion?: string; rules: Rule[] } };
    results: Result[];
  }[];
}
interface Rule {
  id: string;
  name: string;
  help: { text: string; markdown?: string };
  defaultConfiguration: { level: string };
  properties?: { tags: string[] };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: object } }[];
  relatedLocations?: { id: number; message: { text: string } }[];
}

function run(report: LintReport): Log {
  const text = sarif(report, options());
  const log = JSON.parse(text) as Log;
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe('sarif reporter', () => {
  it('validates against the SARIF 2.1.0 schema, also when empty', () => {
    run(REPORT);
    const empty = run(EMPTY_REPORT);
    expect(empty.runs[0]!.results).toEqual([]);
    expect(empty.runs[0]!.tool.driver.rules).toHaveLength(RULES.length);
  });

  it('the schema check can fail', () => {
    const log = JSON.parse(sarif(REPORT, options()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('points every result at its rule', () => {
    const log = run(REPORT);
    const { rules } = log.runs[0]!.tool.driver;
    expect(log.runs[0]!.results).toHaveLength(REPORT.diagnostics.length);
    for (const result of log.runs[0]!.results) {
      expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
  });

  it('describes every registered rule for code scanning', () => {
    const { driver } = run(REPORT).runs[0]!.tool;
    expect(driver.name).toBe('atmos-pro-lint');
    expect(driver.semanticVersion).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const byId = new Map(driver.rules.map((r) => [r.id, r]));
    expect(byId.get('redundant-default')!.defaultConfiguration.level).toBe('note');
    expect(byId.get('merge-group-missing')!.defaultConfiguration.level).toBe('warning');
    expect(byId.get('payload-too-large')!.properties!.tags).toEqual(['payload']);
    expect(byId.get('template-unknown-field')!.help.markdown).toContain('# template-unknown-field');
    // Without a docs page the description stands in.
    expect(byId.get('template-syntax')!.help).toEqual({
      text: 'Workflow input templates parse as Go templates',
      markdown: 'Workflow input templates parse as Go templates',
    });
  });

  it('maps levels, appends instances and carries related locations', () => {
    const results = run(REPORT).runs[0]!.results;
    expect(results.map((r) => r.level)).toEqual(['note', 'error', 'warning', 'error', 'error', 'warning']);
    const merge = results.find((r) => r.ruleId === 'merge-group-missing')!;
    expect(merge.message.text).toMatch(/\(affects 5 instances: vpc in plat-ue2-dev, .*\+2 more\)$/);
    expect(merge.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: '.github/workflows/atmos-terraform-plan.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 14 },
        },
        message: { text: 'the workflow runs on merge_group' },
      },
    ]);
    expect(merge.locations[0]!.physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: 5,
      endLine: 10,
      endColumn: 42,
    });
  });

  it('emits no partialFingerprints (upload-sarif computes them)', () => {
    expect(sarif(REPORT, options())).not.toContain('partialFingerprints');
    expect(sarif(REPORT, options())).not.toContain('fingerprints');
  });

  it('describes rules that are not registered instead of leaving a dangling ruleIndex', () => {
    const report: LintReport = {
      ...EMPTY_REPORT,
      diagnostics: [
        {
          ruleId: 'yaml-syntax',
          severity: 'error',
          message: 'mapping values are not allowed here',
          file: 'stacks/bad file #1.yaml',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 7,
          instances: [],
          fixable: false,
        },
      ],
    };
    const log = run(report);
    const result = log.runs[0]!.results[0]!;
    const rule = log.runs[0]!.tool.driver.rules[result.ruleIndex]!;
    expect(rule.id).toBe('yaml-syntax');
    expect(rule.name).toBe('YamlSyntax');
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('stacks/bad%20file%20%231.yaml');
  });

  it('omits semanticVersion when the version is not semver', () => {
    const driver = run({ ...EMPTY_REPORT, toolVersion: 'dev-build' }).runs[0]!.tool.driver;
    expect(driver.semanticVersion).toBeUndefined();
    expect(driver.version).toBe('dev-build');
  });

  it('builds rule names and URIs', () => {
    expect(pascalCase('merge-group-missing')).toBe('MergeGroupMissing');
    expect(pascalCase('a.b_c')).toBe('ABC');
    expect(pathToUri('stacks/a b/c:d.yaml')).toBe('stacks/a%20b/c%3Ad.yaml');
    expect(pathToUri('stacks/ネット.yaml')).toBe('stacks/%E3%83%8D%E3%83%83%E3%83%88.yaml');
  });
});
