import { describe, expect, it } from 'vitest';
import { ATMOS_YAML, comp, findings, get, plain, resolveRepo, rules, TEMPLATES_ON } from './helpers.js';

// Semantics §2: stack manifest imports.

const stack = (imports: string, own = '') =>
  `import:\n${imports}\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars: {}\n${own}`;

describe('import forms (§2.1)', () => {
  it('accepts strings and objects with a path', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/a\n  - path: catalog/b'),
      'stacks/catalog/a.yaml': 'vars:\n  a: 1\n',
      'stacks/catalog/b.yaml': 'vars:\n  b: 2\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toEqual({ a: 1, b: 2, stage: 'dev' });
    expect(r.findings).toEqual([]);
  });

  it('rejects a non-list import, null and path-less items, and mistyped fields', () => {
    const r = resolveRepo({
      'stacks/deploy/a.yaml': 'import: catalog/x\nvars:\n  stage: a\n',
      'stacks/deploy/b.yaml':
        'import:\n  - null\n  - {}\n  - path: catalog/x\n    skip_if_missing: "yes"\n  - path: catalog/x\n    nested_imports: everywhere\nvars:\n  stage: b\n',
      'stacks/catalog/x.yaml': 'vars: {}\n',
    });
    expect(findings(r)).toEqual([
      'invalid-manifest stacks/deploy/a.yaml:1',
      'invalid-manifest stacks/deploy/b.yaml:2',
      'invalid-manifest stacks/deploy/b.yaml:3',
      'invalid-manifest stacks/deploy/b.yaml:4',
      'invalid-manifest stacks/deploy/b.yaml:6',
    ]);
    expect(r.findings[3]!.message).toContain('skip_if_missing');
    expect(r.findings[4]!.message).toContain("'local' or 'remote'");
  });

  it('takes a list from `import: !include`', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml':
        'import: !include stacks/imports.yaml\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    app: {}\n',
      'stacks/imports.yaml': '- catalog/a\n',
      'stacks/catalog/a.yaml': 'vars:\n  a: 1\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.a')).toBe(1);
  });
});

describe('path resolution (§2.2)', () => {
  it('resolves ./ and ../ against the importing file, other paths against the stacks base', () => {
    const r = resolveRepo({
      'stacks/deploy/team/dev.yaml': stack('  - ./_defaults\n  - ../../catalog/shared\n  - catalog/base'),
      'stacks/deploy/team/_defaults.yaml': 'vars:\n  from_local: yes\n',
      'stacks/catalog/shared.yaml': 'vars:\n  from_parent: yes\n',
      'stacks/catalog/base.yaml': 'vars:\n  from_base: yes\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({
      from_local: 'yes',
      from_parent: 'yes',
      from_base: 'yes',
    });
    expect(comp(r, 'dev', 'app').imports).toEqual([
      'catalog/base',
      'catalog/shared',
      'deploy/team/_defaults',
    ]);
  });

  it('treats a leading / as stacks-base-relative (filepath.Join)', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - /catalog/a'),
      'stacks/catalog/a.yaml': 'vars:\n  a: 1\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.a')).toBe(1);
  });

  it('never reads an import outside the repository', () => {
    const r = resolveRepo({ 'stacks/deploy/dev.yaml': stack('  - ../../../../../../etc/passwd') });
    expect(rules(r)).toEqual(['import-outside-repo']);
    expect(r.filesRead).toBe(2); // atmos.yaml and the manifest
  });

  it('reports a remote import as not fetched (info), and not at all with skip_if_missing', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack(
        '  - https://example.com/x.yaml\n  - path: github.com/org/repo//stacks/x.yaml\n    skip_if_missing: true',
      ),
    });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['import-not-found', 'info']]);
  });
});

describe('extensions (§2.3)', () => {
  it('tries .yaml, .yml, .yaml.tmpl, .yml.tmpl in that order for an extension-less import', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/a\n  - catalog/b\n  - catalog/c'),
      'stacks/catalog/a.yaml': 'vars:\n  a: yaml\n',
      'stacks/catalog/a.yml': 'vars:\n  a: yml\n',
      'stacks/catalog/b.yml': 'vars:\n  b: yml\n',
      'stacks/catalog/b.yaml.tmpl': 'vars:\n  b: tmpl\n',
      'stacks/catalog/c.yml.tmpl': 'vars:\n  c: "{{ "yml-tmpl" }}"\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({ a: 'yaml', b: 'yml', c: 'yml-tmpl' });
  });

  it('an extension-less glob matches only .yaml files', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/*'),
      'stacks/catalog/a.yaml': 'vars:\n  a: 1\n',
      'stacks/catalog/b.yml': 'vars:\n  b: 1\n',
      'stacks/catalog/c.yaml.tmpl': 'vars:\n  c: 1\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toEqual({ a: 1, stage: 'dev' });
  });

  it('prefers <path>.tmpl when the import names a .yaml that has one', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/a.yaml'),
      'stacks/catalog/a.yaml': 'vars:\n  a: plain\n',
      'stacks/catalog/a.yaml.tmpl': 'vars:\n  a: "{{ "rendered" }}"\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.a')).toBe('rendered');
  });

  it('uses a dot-file name as the extension, like filepath.Ext', () => {
    const r = resolveRepo({ 'stacks/deploy/dev.yaml': stack('  - catalog/.hidden') });
    expect(r.findings[0]!.message).toContain('catalog/.hidden does not exist');
  });
});

describe('globs and order (§2.4)', () => {
  it('merges glob matches in sorted order, a directory’s files before its subdirectories', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/**/*'),
      'stacks/catalog/b.yaml': 'vars:\n  order: [b]\n  winner: b\n',
      'stacks/catalog/a/z.yaml': 'vars:\n  winner: a/z\n',
      'stacks/catalog/a.yaml': 'vars:\n  winner: a\n',
    });
    // catalog/a.yaml, catalog/b.yaml, then catalog/a/z.yaml: the subdirectory comes last.
    expect(get(comp(r, 'dev', 'app').section, 'vars.winner')).toBe('a/z');
  });

  it('merges imports in list order and the importing file last', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `${stack('  - catalog/second\n  - catalog/first')}`.replace(
        'vars:\n  stage: dev',
        'vars:\n  stage: dev\n  own: file',
      ),
      'stacks/catalog/first.yaml': 'vars:\n  v: first\n  own: first\n',
      'stacks/catalog/second.yaml': 'vars:\n  v: second\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({ v: 'first', own: 'file' });
  });

  it('lists every import transitively, sorted and de-duplicated', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/z\n  - catalog/a\n  - catalog/a'),
      'stacks/catalog/z.yaml': 'import:\n  - mixins/m\n',
      'stacks/catalog/a.yaml': 'import:\n  - mixins/m\n',
      'stacks/mixins/m.yaml': 'vars: {}\n',
    });
    expect(comp(r, 'dev', 'app').imports).toEqual(['catalog/a', 'catalog/z', 'mixins/m']);
  });
});

describe('missing files and cycles (§2.5)', () => {
  it('reports a missing import unless skip_if_missing is set', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack(
        '  - catalog/missing\n  - path: catalog/optional\n    skip_if_missing: true',
      ),
    });
    expect(findings(r)).toEqual(['import-not-found stacks/deploy/dev.yaml:2']);
  });

  it('skips an import path that is still a template (templates off) but reports one that does not parse', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - "catalog/{{ .settings.x }}"\n  - "{{ unclosed"'),
    });
    expect(findings(r)).toEqual(['template-syntax stacks/deploy/dev.yaml:3']);
  });

  it('accepts an empty imported file', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/empty'),
      'stacks/catalog/empty.yaml': '',
    });
    expect(r.findings).toEqual([]);
  });

  it('reports an A→B→A cycle once and terminates', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/a'),
      'stacks/catalog/a.yaml': 'import:\n  - catalog/b\nvars:\n  a: 1\n',
      'stacks/catalog/b.yaml': 'import:\n  - catalog/a\nvars:\n  b: 1\n',
    });
    expect(findings(r)).toEqual(['import-cycle stacks/catalog/b.yaml:2']);
    expect(r.findings[0]!.message).toContain('catalog/a.yaml → catalog/b.yaml → catalog/a.yaml');
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({ a: 1, b: 1 });
  });

  it('reports a self-import', () => {
    const r = resolveRepo({ 'stacks/deploy/dev.yaml': stack('  - deploy/dev') });
    expect(rules(r)).toEqual(['import-cycle']);
    expect(r.findings[0]!.message).toContain('imports itself');
  });
});

describe('templates at import time (§2.6)', () => {
  it('renders an import with `context`; the parent context wins and flows down the chain', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - path: catalog/mid\n    context:\n      env: parent'),
      'stacks/catalog/mid.yaml':
        'import:\n  - path: catalog/leaf\n    context:\n      env: child\n      own: child\n',
      'stacks/catalog/leaf.yaml': 'vars:\n  env: "{{ .env }}"\n  own: "{{ .own }}"\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({ env: 'parent', own: 'child' });
  });

  it('renders .yaml.tmpl files without a context, not plain .yaml files', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/t.yaml.tmpl\n  - catalog/p'),
      'stacks/catalog/t.yaml.tmpl': 'vars:\n  t: "{{ "rendered" }}"\n',
      'stacks/catalog/p.yaml': 'vars:\n  p: "{{ .x }}"\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({ t: 'rendered', p: '{{ .x }}' });
  });

  it('does not report YAML errors of a template file’s raw text, only of the rendered text', () => {
    const tmpl =
      'components:\n  terraform:\n    app:\n      vars:\n        {{ if true }}\n        list:\n          - a\n        {{ end }}\n';
    const ok = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - path: catalog/x.tmpl\n    context: {n: 1}'),
      'stacks/catalog/x.tmpl': tmpl,
    });
    expect(ok.findings).toEqual([]);
    expect(get(comp(ok, 'dev', 'app').section, 'vars.list')).toEqual(['a']);
    // Without a context a plain `.tmpl` is parsed raw, as Atmos does, and the error is real.
    const raw = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/x.tmpl'),
      'stacks/catalog/x.tmpl': tmpl,
    });
    expect(rules(raw)).toContain('yaml-syntax');
    // A .yaml.tmpl is always rendered.
    const yt = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/x'),
      'stacks/catalog/x.yaml.tmpl': tmpl,
    });
    expect(yt.findings).toEqual([]);
  });

  it('stops on a template error with an explicit context; the file contributes nothing', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - path: catalog/c\n    context: {a: 1}'),
      'stacks/catalog/c.yaml': 'vars:\n  x: "{{ .missing }}"\n',
    });
    expect(findings(r)).toEqual(['template-syntax stacks/catalog/c.yaml:2']);
    expect(get(comp(r, 'dev', 'app').section, 'vars.x')).toBeUndefined();
  });

  it('renders missing values as <no value> with ignore_missing_template_values', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack(
        '  - path: catalog/c\n    ignore_missing_template_values: true\n    context: {a: 1}',
      ),
      'stacks/catalog/c.yaml': 'vars:\n  x: "{{ .missing }}"\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.x')).toBe('<no value>');
  });

  it('keeps a failed .yaml.tmpl render raw when no context was passed and the raw text is YAML', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - catalog/t'),
      'stacks/catalog/t.yaml.tmpl': 'vars:\n  x: "{{ .atmos_component }}"\n',
    });
    expect(r.findings).toEqual([]);
    expect(get(comp(r, 'dev', 'app').section, 'vars.x')).toBe('{{ .atmos_component }}');
  });

  it('skip_templates_processing keeps the content raw', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack(
        '  - path: catalog/c\n    skip_templates_processing: true\n    context: {a: 1}',
      ),
      'stacks/catalog/c.yaml': 'vars:\n  x: "{{ .a }}"\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.x')).toBe('{{ .a }}');
  });

  it('resolves locals; component-time values like .atmos_component stay for later (#2053)', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': stack('  - mixins/pro'),
        'stacks/mixins/pro.yaml':
          'locals:\n  wf: plan.yaml\n  name: "{{ .locals.wf }}"\nsettings:\n  pro:\n    wf: "{{ .locals.name }}"\nvars:\n  component: "{{ .atmos_component }}"\n',
      },
      { atmosYaml: ATMOS_YAML + TEMPLATES_ON },
    );
    expect(r.findings).toEqual([]);
    const c = comp(r, 'dev', 'app');
    // The file render fails on .atmos_component, so Atmos keeps the raw text and stores the
    // sections it could resolve with the locals: settings resolves, vars stays raw.
    expect(plain(get(c.section, 'settings.pro'))).toEqual({ wf: 'plan.yaml' });
    expect(get(c.section, 'vars.component')).toBe('{{ .atmos_component }}');
    expect(get(c.rendered, 'vars.component')).toBe('app');
  });

  it('gives a value that is exactly one field reference the context value itself (structured refs)', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack(
        '  - path: catalog/s\n    context:\n      tags: {team: a}\n      num: 5\n      str: "123"\n      list: [x, y]',
      ),
      'stacks/catalog/s.yaml':
        'vars:\n  tags: "{{ .tags }}"\n  n: "{{ .num }}"\n  s: "{{ .str }}"\n  l: "{{ .list }}"\n  text: "team-{{ .tags.team }}"\n',
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toMatchObject({
      tags: { team: 'a' },
      n: 5,
      s: '123',
      l: ['x', 'y'],
      text: 'team-a',
    });
    expect(r.findings).toEqual([]);
  });

  it('substitutes structured references from locals, also when the rest of the file is deferred', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': stack('  - mixins/l'),
      'stacks/mixins/l.yaml':
        'locals:\n  tags: {team: a}\ncomponents:\n  terraform:\n    app:\n      vars:\n        tags: "{{ .locals.tags }}"\n        me: "{{ .atmos_component }}"\n',
    });
    expect(plain(get(comp(r, 'dev', 'app').section, 'vars'))).toEqual({
      stage: 'dev',
      tags: { team: 'a' },
      me: '{{ .atmos_component }}',
    });
  });

  it('renders an import path from earlier imports’ vars and the import’s context (templates on)', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': stack('  - catalog/defaults\n  - "catalog/{{ .vars.flavor }}"'),
        'stacks/catalog/defaults.yaml': 'vars:\n  flavor: large\n',
        'stacks/catalog/large.yaml': 'vars:\n  size: 10\n',
      },
      { atmosYaml: ATMOS_YAML + TEMPLATES_ON },
    );
    expect(get(comp(r, 'dev', 'app').section, 'vars.size')).toBe(10);
  });
});
