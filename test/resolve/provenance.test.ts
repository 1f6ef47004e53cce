import { relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentLoc, provenance } from '../../src/resolve/resolve.js';
import type { Resolution } from '../../src/resolve/types.js';
import { comp, resolveRepo } from './helpers.js';

// Provenance answers: the file and line of the winning value, then what it overrode.

type R = Resolution & { root: string };

function writers(r: R, stack: string, component: string, path: string): string[] {
  return provenance(comp(r, stack, component), path.split('.')).map((e) => {
    const p = e.value.file.position(e.value.start);
    return `${relative(r.root, e.value.file.path).split(sep).join('/')}:${p.line}`;
  });
}

describe('provenance', () => {
  const r = resolveRepo({
    'stacks/deploy/dev.yaml': [
      'import: [catalog/app]', // 1
      'vars:', // 2
      '  stage: dev', // 3
      '  region: global', // 4
      'terraform:', // 5
      '  vars:', // 6
      '    region: terraform', // 7
      'components:', // 8
      '  terraform:', // 9
      '    app:', // 10
      '      vars:', // 11
      '        size: 2', // 12
      '',
    ].join('\n'),
    'stacks/catalog/app.yaml': [
      'components:', // 1
      '  terraform:', // 2
      '    base:', // 3
      '      metadata: {type: abstract}', // 4
      '      vars:', // 5
      '        size: 0', // 6
      '        tags: {team: base}', // 7
      '    app:', // 8
      '      metadata: {inherits: [base]}', // 9
      '      vars:', // 10
      '        size: 1', // 11
      '        tags: {owner: app}', // 12
      '',
    ].join('\n'),
  });

  it('names the winner first, then every value it overrode, highest precedence first', () => {
    expect(writers(r, 'dev', 'app', 'vars.size')).toEqual([
      'stacks/deploy/dev.yaml:12',
      'stacks/catalog/app.yaml:11',
      'stacks/catalog/app.yaml:6',
    ]);
  });

  it('ranks scope over file order: terraform.vars beats vars of a later file', () => {
    expect(writers(r, 'dev', 'app', 'vars.region')).toEqual([
      'stacks/deploy/dev.yaml:7',
      'stacks/deploy/dev.yaml:4',
    ]);
  });

  it('answers for nested keys merged from several layers', () => {
    expect(writers(r, 'dev', 'app', 'vars.tags.owner')).toEqual(['stacks/catalog/app.yaml:12']);
    expect(writers(r, 'dev', 'app', 'vars.tags.team')).toEqual(['stacks/catalog/app.yaml:7']);
  });

  it('has no answer for a key nobody wrote', () => {
    expect(provenance(comp(r, 'dev', 'app'), ['vars', 'nope'])).toEqual([]);
  });

  it('credits file-scoped overrides only to components they reached, and keeps locations of injected layers', () => {
    const o = resolveRepo({
      'stacks/deploy/dev.yaml': [
        'import: [catalog/early, catalog/ov]', // 1
        'vars: {stage: dev}', // 2
        'components:', // 3
        '  terraform:', // 4
        '    app:', // 5
        '      vars: {x: app}', // 6
        '',
      ].join('\n'),
      'stacks/catalog/early.yaml': 'components:\n  terraform:\n    early:\n      vars: {x: early}\n',
      'stacks/catalog/ov.yaml': 'overrides:\n  vars:\n    x: overridden\n',
    });
    expect(comp(o, 'dev', 'app').section.vars).toMatchObject({ x: 'overridden' });
    expect(writers(o, 'dev', 'app', 'vars.x')).toEqual([
      'stacks/catalog/ov.yaml:3',
      'stacks/deploy/dev.yaml:6',
    ]);
    // `early` is imported before ov.yaml: its overrides do not reach it.
    expect(comp(o, 'dev', 'early').section.vars).toMatchObject({ x: 'early' });
    expect(writers(o, 'dev', 'early', 'vars.x')).toEqual(['stacks/catalog/early.yaml:4']);
    // The component written into an overridden layer is still found where it was written.
    const loc = componentLoc(comp(o, 'dev', 'app'))!;
    expect(loc.file.position(loc.start).line).toBe(5);
  });

  it('maps values of a file rendered at import time back to the file on disk', () => {
    const t = resolveRepo({
      'stacks/deploy/dev.yaml':
        'import:\n  - path: catalog/t\n    context: {name: rendered}\nvars: {stage: dev}\n',
      'stacks/catalog/t.yaml':
        'components:\n  terraform:\n    app:\n      vars:\n        name: "{{ .name }}"\n',
    });
    expect(comp(t, 'dev', 'app').section.vars).toMatchObject({ name: 'rendered' });
    expect(writers(t, 'dev', 'app', 'vars.name')).toEqual(['stacks/catalog/t.yaml:5']);
  });

  it('points at the alias when a value came through a YAML anchor', () => {
    const a = resolveRepo({
      'stacks/deploy/dev.yaml': [
        'vars: {stage: dev}', // 1
        'shared: &shared', // 2
        '  x: 1', // 3
        'components:', // 4
        '  terraform:', // 5
        '    app:', // 6
        '      vars: *shared', // 7
        '',
      ].join('\n'),
    });
    expect(writers(a, 'dev', 'app', 'vars.x')).toEqual(['stacks/deploy/dev.yaml:3']);
    expect(writers(a, 'dev', 'app', 'vars')).toEqual([
      'stacks/deploy/dev.yaml:7',
      'stacks/deploy/dev.yaml:1',
    ]);
  });
});
