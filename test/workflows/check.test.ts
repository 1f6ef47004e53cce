import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkDispatch,
  type DispatchProblem,
  type DispatchRequest,
  dispatchPayloadSize,
  isDispatchBoolean,
  isDispatchNumber,
  loadWorkflows,
  MAX_DISPATCH_INPUTS,
  MAX_DISPATCH_INPUTS_CHARS,
  type WorkflowIndex,
} from '../../src/workflows/index.js';

const root = path.resolve('/virtual/repo');
const dir = path.join(root, '.github', 'workflows');

/** An index over in-memory workflow files, through the loader's injectable file system. */
function indexOf(files: Record<string, string>): WorkflowIndex {
  return loadWorkflows(root, {
    listDir: (d) =>
      d === dir ? Object.keys(files).map((name) => ({ name, kind: 'file' as const })) : undefined,
    readFile: (abs) => files[path.basename(abs)],
  });
}

const PLAN = `
on:
  workflow_dispatch:
    inputs:
      component: { type: string, required: true }
      stack: { required: true }
      upload: { type: boolean, default: false }
      Mode: { type: choice, options: [fast, slow, 1.0], required: true, default: fast }
      retries: { type: number }
      env: { type: environment, required: "true" }
      note: { type: string }
jobs: {}
`;

const index = indexOf({
  'plan.yaml': PLAN,
  'apply.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      stack: { required: true }\njobs: {}\n',
  'pr.yaml': 'on: pull_request\njobs: {}\n',
  'broken.yaml': 'on: [\n',
  'deploy-production.yaml': 'on: workflow_dispatch\njobs: {}\n',
});

const valid = { component: 'vpc', stack: 'plat-use2-dev', env: 'dev' };

function check(
  workflowFile: string,
  inputs: Record<string, unknown>,
  rendered?: Record<string, string | undefined>,
) {
  const req: DispatchRequest = { workflowFile, inputs };
  if (rendered) req.rendered = rendered;
  return checkDispatch(index, req);
}

function kinds(problems: DispatchProblem[]) {
  return problems.map((p) => p.kind);
}

it('the fixture index loads with only the broken file reported', () => {
  expect(index.findings.map((f) => f.loc.file.path)).toEqual([path.join(dir, 'broken.yaml')]);
});

describe('workflow-not-found', () => {
  it.each([
    ['plan.yml', 'plan.yaml', 'extension-mismatch'],
    ['apply.yaml', 'apply.yml', 'extension-mismatch'],
    ['Plan.yaml', 'plan.yaml', 'case-mismatch'],
    ['.github/workflows/plan.yaml', 'plan.yaml', 'path-given'],
    ['plam.yaml', 'plan.yaml', 'similar-name'],
    ['deploy-prodcution.yaml', 'deploy-production.yaml', 'similar-name'],
  ])('%s → did you mean %s (%s)', (file, suggestion, reason) => {
    expect(check(file, valid)).toEqual([{ kind: 'workflow-not-found', file, suggestion, reason }]);
  });

  it('no suggestion when nothing is close', () => {
    expect(check('terraform-destroy.yaml', valid)).toEqual([
      { kind: 'workflow-not-found', file: 'terraform-destroy.yaml' },
    ]);
  });

  it('every dispatch is not found when there is no workflows directory', () => {
    const empty = loadWorkflows(root, { listDir: () => undefined, readFile: () => undefined });
    expect(empty.dirExists).toBe(false);
    expect(checkDispatch(empty, { workflowFile: 'plan.yaml', inputs: {} })).toEqual([
      { kind: 'workflow-not-found', file: 'plan.yaml' },
    ]);
  });
});

describe('workflow-not-dispatchable and unreadable workflows', () => {
  it('a workflow without workflow_dispatch', () => {
    const problems = check('pr.yaml', valid);
    expect(kinds(problems)).toEqual(['workflow-not-dispatchable']);
    expect(problems[0]).toMatchObject({ workflow: index.workflows.get('pr.yaml') });
  });

  it('a workflow that did not parse is not checked further (its finding stands for it)', () => {
    expect(check('broken.yaml', { anything: 1 })).toEqual([]);
  });
});

describe('inputs', () => {
  it('a complete, valid dispatch has no problems', () => {
    expect(check('plan.yaml', valid, { component: 'vpc', stack: 'plat-use2-dev', env: 'dev' })).toEqual([]);
  });

  it('a workflow_dispatch without inputs takes no inputs', () => {
    expect(check('deploy-production.yaml', {})).toEqual([]);
    expect(kinds(check('deploy-production.yaml', { stack: 'x' }))).toEqual(['workflow-input-unknown']);
  });

  it('unknown input with a suggestion and the declared ids as written', () => {
    const problems = check('plan.yaml', { ...valid, stak: 'x', bogus_thing: 'y' });
    expect(problems).toEqual([
      {
        kind: 'workflow-input-unknown',
        input: 'stak',
        declared: ['component', 'stack', 'upload', 'Mode', 'retries', 'env', 'note'],
        suggestion: 'stack',
      },
      {
        kind: 'workflow-input-unknown',
        input: 'bogus_thing',
        declared: ['component', 'stack', 'upload', 'Mode', 'retries', 'env', 'note'],
      },
    ]);
  });

  it('input ids compare case-insensitively, both ways', () => {
    expect(check('plan.yaml', { COMPONENT: 'vpc', Stack: 's', ENV: 'dev', mode: 'fast' })).toEqual([]);
  });

  it('required without a default and not passed is missing; with a default it is not', () => {
    const problems = check('plan.yaml', { stack: 's' });
    expect(kinds(problems)).toEqual(['workflow-input-required-missing', 'workflow-input-required-missing']);
    expect(problems.map((p) => (p.kind === 'workflow-input-required-missing' ? p.input.id : ''))).toEqual([
      'component',
      'env',
    ]);
  });

  it('a required input passed with an unrenderable value is still passed', () => {
    expect(check('plan.yaml', valid, { component: undefined, stack: 's', env: 'e' })).toEqual([]);
  });
});

describe('workflow-input-type', () => {
  const typeProblems = (input: string, value: string) =>
    check('plan.yaml', { ...valid, [input]: value }, { ...valid, [input]: value }).filter(
      (p) => p.kind === 'workflow-input-type',
    );

  it.each([
    ['upload', 'true'],
    ['upload', 'false'],
    ['upload', 'True'],
    ['upload', 'FALSE'],
    ['Mode', 'fast'],
    ['Mode', 'slow'],
    ['Mode', '1.0'],
    ['mode', 'fast'],
    ['retries', '3'],
    ['retries', '-1.5e3'],
    ['note', 'anything at all'],
    ['env', 'whatever-environment'],
  ])('%s = %j is accepted', (input, value) => {
    expect(typeProblems(input, value)).toEqual([]);
  });

  it.each([
    ['upload', 'yes', '"yes" is not "true" or "false"'],
    ['upload', '1', '"1" is not "true" or "false"'],
    ['upload', '', '"" is not "true" or "false"'],
    ['upload', ' true', '" true" is not "true" or "false"'],
    ['Mode', 'Fast', '"Fast" is not one of the options "fast", "slow", "1.0"'],
    ['Mode', '1', '"1" is not one of the options "fast", "slow", "1.0"'],
    ['Mode', 'fast ', '"fast " is not one of the options "fast", "slow", "1.0"'],
    ['retries', 'three', '"three" is not a decimal number'],
    ['retries', '0x10', '"0x10" is not a decimal number'],
    ['retries', '', '"" is not a decimal number'],
  ])('%s = %j is rejected: %s', (input, value, reason) => {
    const problems = typeProblems(input, value);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'workflow-input-type', input, value, reason });
    expect(problems[0]).toHaveProperty(
      'def',
      index.workflows.get('plan.yaml')!.dispatch!.inputs.get(input.toLowerCase()),
    );
  });

  it('is skipped when the value was not rendered or still holds a template', () => {
    expect(check('plan.yaml', { ...valid, upload: '{{ .vars.x }}' })).toEqual([]);
    expect(check('plan.yaml', { ...valid, upload: 'x' }, { ...valid, upload: undefined })).toEqual([]);
    expect(check('plan.yaml', { ...valid, upload: 'x' }, { ...valid, upload: '{{ .vars.x }}' })).toEqual([]);
  });

  it('looks only at rendered values, never at configured ones', () => {
    expect(check('plan.yaml', { ...valid, upload: 'yes' })).toEqual([]);
  });
});

describe('number and boolean parsing', () => {
  it.each([
    '0',
    '42',
    '-7',
    '+7',
    '3.14',
    '.5',
    '5.',
    '-.5',
    '1e3',
    '1E-3',
    '1.5e+10',
    '007',
    '1.7976931348623157e308',
  ])('%j is a number', (v) => {
    expect(isDispatchNumber(v)).toBe(true);
  });

  it.each([
    '',
    ' ',
    ' 1',
    '1 ',
    '.',
    '-',
    '+',
    'e3',
    '1e',
    '1e+',
    '1.2.3',
    '0x10',
    '0x1p-2',
    '1_000',
    'Inf',
    '-Infinity',
    'NaN',
    '1e400',
    '1,5',
    '١٢',
  ])('%j is not a number', (v) => {
    expect(isDispatchNumber(v)).toBe(false);
  });

  it('booleans are true/false in any case and nothing else', () => {
    for (const v of ['true', 'false', 'TRUE', 'False', 'tRuE']) expect(isDispatchBoolean(v), v).toBe(true);
    for (const v of ['yes', 'no', 'on', '1', '0', '', 'true ', 't'])
      expect(isDispatchBoolean(v), v).toBe(false);
  });
});

describe('limits', () => {
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${String(i + 1).padStart(2, '0')}`, 'v']));
  const wide = indexOf({
    'wide.yaml': `on:\n  workflow_dispatch:\n    inputs:\n${Object.keys(many(26))
      .map((id) => `      ${id}: {}\n`)
      .join('')}jobs: {}\n`,
  });

  it(`${MAX_DISPATCH_INPUTS} inputs are fine, ${MAX_DISPATCH_INPUTS + 1} are too many`, () => {
    expect(MAX_DISPATCH_INPUTS).toBe(25);
    expect(checkDispatch(wide, { workflowFile: 'wide.yaml', inputs: many(25) })).toEqual([]);
    expect(checkDispatch(wide, { workflowFile: 'wide.yaml', inputs: many(26) })).toEqual([
      { kind: 'workflow-too-many-inputs', count: 26 },
    ]);
  });

  it('the payload limit is measured on the JSON of the inputs object, inclusive', () => {
    expect(MAX_DISPATCH_INPUTS_CHARS).toBe(65_535);
    // `{"note":"` is 9 characters and `"}` is 2.
    const at = (n: number) => ({ note: 'x'.repeat(n) });
    expect(dispatchPayloadSize({ workflowFile: 'plan.yaml', inputs: at(65_524) })).toBe(65_535);
    const one = indexOf({ 'one.yaml': 'on:\n  workflow_dispatch:\n    inputs:\n      note: {}\njobs: {}\n' });
    expect(checkDispatch(one, { workflowFile: 'one.yaml', inputs: at(65_524) })).toEqual([]);
    expect(checkDispatch(one, { workflowFile: 'one.yaml', inputs: at(65_525) })).toEqual([
      { kind: 'workflow-inputs-too-large', size: 65_536 },
    ]);
  });

  it('counts JSON escapes and prefers rendered values over configured ones', () => {
    // Each `"` serialises as two characters.
    expect(dispatchPayloadSize({ workflowFile: 'x', inputs: { a: '""' } })).toBe('{"a":"\\"\\""}'.length);
    expect(
      dispatchPayloadSize({
        workflowFile: 'x',
        inputs: { a: '{{ .vars.long }}', b: 'short' },
        rendered: { a: 'y'.repeat(100), b: undefined },
      }),
    ).toBe(JSON.stringify({ a: 'y'.repeat(100), b: 'short' }).length);
    expect(dispatchPayloadSize({ workflowFile: 'x', inputs: { a: true, b: 7, c: null } })).toBe(
      JSON.stringify({ a: 'true', b: '7', c: '' }).length,
    );
    // Astral characters count as two UTF-16 units.
    expect(dispatchPayloadSize({ workflowFile: 'x', inputs: { a: '😀' } })).toBe(10);
  });
});

it('problems come in a fixed order: limits, unknown, missing, types', () => {
  const inputs: Record<string, string> = { zzz: 'x'.repeat(70_000), upload: 'maybe' };
  for (let i = 0; i < 30; i++) inputs[`extra${i}`] = 'v';
  const problems = check('plan.yaml', inputs, { upload: 'maybe' });
  const order = kinds(problems).filter((k, i, all) => all.indexOf(k) === i);
  expect(order).toEqual([
    'workflow-too-many-inputs',
    'workflow-inputs-too-large',
    'workflow-input-unknown',
    'workflow-input-required-missing',
    'workflow-input-type',
  ]);
});
